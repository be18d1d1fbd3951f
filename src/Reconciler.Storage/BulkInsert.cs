using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Reconciler.Storage;

/// <summary>
/// The bulk paths for statement lines: binary COPY on PostgreSQL. SQLite uses Dapper's prepared, batched
/// inserts in the caller's transaction (fast in SQLite, where one transaction is one fsync).
/// </summary>
internal static class BulkInsert
{
    /// <summary>Inserts the rows the dialect's fastest way, or returns false to let the caller use plain inserts.</summary>
    public static bool TryLines(SqlDialect dialect, DbConnection connection, DbTransaction transaction, List<LedgerStore.LineRow> rows)
    {
        _ = transaction;
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
