using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;
using NpgsqlTypes;

namespace Reconciler.Storage;

/// <summary>
/// The bulk paths for statement lines: binary COPY on PostgreSQL, SqlBulkCopy on SQL Server, both inside the
/// caller's transaction. SQLite uses Dapper's prepared, batched inserts in the caller's transaction (fast in
/// SQLite, where one transaction is one fsync).
/// </summary>
internal static class BulkInsert
{
    /// <summary>Inserts the rows the dialect's fastest way, or returns false to let the caller use plain inserts.</summary>
    public static bool TryLines(SqlDialect dialect, DbConnection connection, DbTransaction transaction, List<LedgerStore.LineRow> rows)
    {
        if (dialect.Provider == StorageProvider.SqlServer && connection is SqlConnection sql && transaction is SqlTransaction sqlTransaction)
        {
            CopyToSqlServer(sql, sqlTransaction, rows);
            return true;
        }

        if (dialect.Provider != StorageProvider.Postgres || connection is not NpgsqlConnection npgsql)
        {
            return false;
        }

        using var writer = npgsql.BeginBinaryImport(
            "COPY statement_line (file_id, row_number, line_key, bank_ref, booking_date, value_date, booking_time, amount, currency, payer_name, payer_account, memo, neutral, status, duplicate_of, updated_at) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(row.FileId, NpgsqlDbType.Bigint);
            writer.Write(row.RowNumber, NpgsqlDbType.Integer);
            Nullable(writer, row.LineKey);
            writer.Write(row.BankRef, NpgsqlDbType.Varchar);
            writer.Write(row.BookingDate, NpgsqlDbType.Varchar);
            Nullable(writer, row.ValueDate);
            Nullable(writer, row.BookingTime);
            writer.Write(row.Amount, NpgsqlDbType.Bigint);
            writer.Write(row.Currency, NpgsqlDbType.Varchar);
            writer.Write(row.PayerName, NpgsqlDbType.Varchar);
            writer.Write(row.PayerAccount, NpgsqlDbType.Varchar);
            writer.Write(row.Memo, NpgsqlDbType.Text);
            writer.Write(row.Neutral, NpgsqlDbType.Boolean);
            writer.Write(row.Status, NpgsqlDbType.Varchar);
            if (row.DuplicateOf is { } first)
            {
                writer.Write(first, NpgsqlDbType.Bigint);
            }
            else
            {
                writer.WriteNull();
            }

            writer.Write(row.UpdatedAt, NpgsqlDbType.Varchar);
        }

        writer.Complete();
        return true;
    }

    private static void CopyToSqlServer(SqlConnection connection, SqlTransaction transaction, List<LedgerStore.LineRow> rows)
    {
        using var table = new DataTable("statement_line") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        (string Name, Type Type)[] columns =
        [
            ("file_id", typeof(long)), ("row_number", typeof(int)), ("line_key", typeof(string)), ("bank_ref", typeof(string)),
            ("booking_date", typeof(string)), ("value_date", typeof(string)), ("booking_time", typeof(string)), ("amount", typeof(long)),
            ("currency", typeof(string)), ("payer_name", typeof(string)), ("payer_account", typeof(string)), ("memo", typeof(string)),
            ("neutral", typeof(bool)), ("status", typeof(string)), ("duplicate_of", typeof(long)), ("updated_at", typeof(string)),
        ];
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }

        foreach (var row in rows)
        {
            table.Rows.Add(
                row.FileId, row.RowNumber, (object?)row.LineKey ?? DBNull.Value, row.BankRef, row.BookingDate, (object?)row.ValueDate ?? DBNull.Value,
                (object?)row.BookingTime ?? DBNull.Value, row.Amount, row.Currency, row.PayerName, row.PayerAccount, row.Memo, row.Neutral, row.Status,
                (object?)row.DuplicateOf ?? DBNull.Value, row.UpdatedAt);
        }

        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.FireTriggers, transaction)
        {
            DestinationTableName = "statement_line",
            BatchSize = 10_000,
            BulkCopyTimeout = 0,
        };
        foreach (var (name, _) in columns)
        {
            copy.ColumnMappings.Add(name, name);
        }

        copy.WriteToServer(table);
    }

    private static void Nullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }
}
