using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Reconciler.Storage;

/// <summary>
/// Writes many rows into a table inside the caller's transaction, each dialect its fastest way: binary COPY on
/// PostgreSQL, SqlBulkCopy on SQL Server, one prepared INSERT re-executed on SQLite (in-process, where one
/// transaction is one fsync, that is the fast path).
/// </summary>
internal static class BulkInsert
{
    /// <summary>Writes <paramref name="rows"/> into <paramref name="table"/>.</summary>
    public static void Write<T>(SqlDialect dialect, DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows)
    {
        switch (connection)
        {
            case NpgsqlConnection npgsql:
                CopyToPostgres(npgsql, table, columns, rows);
                break;
            case SqlConnection sql:
                CopyToSqlServer(sql, (SqlTransaction)transaction, table, columns, rows);
                break;
            case SqliteConnection sqlite:
                InsertIntoSqlite(sqlite, (SqliteTransaction)transaction, table, columns, rows);
                break;
            default:
                throw new NotSupportedException($"no bulk path for {dialect.Provider}");
        }
    }

    private static void CopyToPostgres<T>(NpgsqlConnection connection, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows)
    {
        using var writer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var column in columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    writer.WriteNull();
                    continue;
                }

                switch (column.Type)
                {
                    case BulkType.Int64:
                        writer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                        break;
                    case BulkType.Int32:
                        writer.Write(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                        break;
                    case BulkType.Boolean:
                        writer.Write((bool)value, NpgsqlDbType.Boolean);
                        break;
                    case BulkType.Double:
                        writer.Write(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double);
                        break;
                    default:
                        writer.Write((string)value, NpgsqlDbType.Text);
                        break;
                }
            }
        }

        writer.Complete();
    }

    private static void CopyToSqlServer<T>(SqlConnection connection, SqlTransaction transaction, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows)
    {
        using var data = new DataTable(table) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            data.Columns.Add(column.Name, column.Type switch
            {
                BulkType.Int64 => typeof(long),
                BulkType.Int32 => typeof(int),
                BulkType.Boolean => typeof(bool),
                BulkType.Double => typeof(double),
                _ => typeof(string),
            });
        }

        foreach (var row in rows)
        {
            data.Rows.Add([.. columns.Select(c => c.Get(row) ?? DBNull.Value)]);
        }

        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = table,
            BatchSize = 10_000,
            BulkCopyTimeout = 0,
        };
        foreach (var column in columns)
        {
            copy.ColumnMappings.Add(column.Name, column.Name);
        }

        copy.WriteToServer(data);
    }

    private static void InsertIntoSqlite<T>(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = columns[i].Get(row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }
}
