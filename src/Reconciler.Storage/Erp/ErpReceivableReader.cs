using System.Data;
using System.Globalization;
using Dapper;

namespace Reconciler.Storage.Erp;

/// <summary>
/// Runs the ERP's receivables query and reads its result. The ERP's database is only read: the query runs in a
/// transaction that is rolled back, read-only on PostgreSQL, and a SQLite file is opened read-only (never created).
/// Rows are read one at a time as column name → value, so a large ERP is not held twice in memory, and a
/// cancellation stops the query or the reading between rows.
/// </summary>
public static class ErpReceivableReader
{
    /// <summary>Runs the query and returns one receivable per row, in the result's order.</summary>
    /// <exception cref="ErpFormatException">A column or a value cannot be read, a receivable is given twice, or a complete list is empty.</exception>
    /// <exception cref="System.Data.Common.DbException">The database cannot be reached, or the query fails or times out.</exception>
    public static IReadOnlyList<ErpReceivable> Read(ErpSource source, CancellationToken cancellationToken = default) =>
        ReadAsync(source, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Read"/>
    public static async Task<IReadOnlyList<ErpReceivable>> ReadAsync(ErpSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var mapper = new ErpRowMapper(source);
        var receivables = new List<ErpReceivable>();
        var rows = new Dictionary<(string ContractNo, string CustomerId), int>();
        var connection = SqlDialect.For(source.Provider).CreateConnection(source.Connection(readOnly: true));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (source.Provider == StorageProvider.Postgres)
                {
                    await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                // Row by row from the reader, each as column name → value (Dapper's row), mapped as it comes.
                var command = new CommandDefinition(
                    source.Query,
                    parameters: null,
                    transaction,
                    (int)Math.Ceiling(source.CommandTimeout.TotalSeconds),
                    CommandType.Text,
                    CommandFlags.None,
                    cancellationToken);
                var reader = await connection.ExecuteReaderAsync(command).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var parse = reader.GetRowParser<object>();
                    var row = 0;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        row++;
                        var read = mapper.Map((IDictionary<string, object?>)parse(reader), row);
                        var key = (read.Receivable.ContractNo, read.Receivable.CustomerId);
                        if (rows.TryGetValue(key, out var first))
                        {
                            throw new ErpFormatException(source.Description, row, source.Columns.ContractNo, read.Receivable.ContractNo, string.Create(
                                CultureInfo.InvariantCulture,
                                $"contract {read.Receivable.ContractNo} of customer {read.Receivable.CustomerId} is also row {first} (expected each receivable once: a query with a join may repeat rows)"));
                        }

                        rows[key] = row;
                        receivables.Add(read);
                    }
                }

                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (source.Complete && receivables.Count == 0)
        {
            throw new ErpFormatException(source.Description, 0, null, null,
                "the query returned no rows; as the complete list of the ERP's receivables that would cancel every receivable the ledger holds from it, so nothing was changed (check the query, or say the list is not complete)");
        }

        return receivables;
    }
}
