using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Reconciler.Storage;

/// <summary>
/// Writes many rows into a table inside the caller's transaction, each dialect its fastest way: binary COPY on
/// PostgreSQL, SqlBulkCopy on SQL Server, a prepared multi-row INSERT re-executed through SQLite's own API on SQLite
/// (in-process, where one transaction is one fsync, that is the fast path).
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
                InsertIntoSqlite(sqlite, table, columns, rows);
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
                WritePostgres(writer, column, row);
            }
        }

        writer.Complete();
    }

    // Typed columns are written unboxed; a column made with a boxed getter only is unboxed here.
    private static void WritePostgres<T>(NpgsqlBinaryImporter writer, BulkColumn<T> column, T row)
    {
        if (column.Integer is { } integer)
        {
            if (integer(row) is not { } value)
            {
                writer.WriteNull();
            }
            else if (column.Type == BulkType.Int32)
            {
                writer.Write((int)value, NpgsqlDbType.Integer);
            }
            else if (column.Type == BulkType.Boolean)
            {
                writer.Write(value != 0, NpgsqlDbType.Boolean);
            }
            else
            {
                writer.Write(value, NpgsqlDbType.Bigint);
            }

            return;
        }

        if (column.Text is { } text)
        {
            if (text(row) is { } value)
            {
                writer.Write(value, NpgsqlDbType.Text);
            }
            else
            {
                writer.WriteNull();
            }

            return;
        }

        if (column.Real is { } real)
        {
            if (real(row) is { } value)
            {
                writer.Write(value, NpgsqlDbType.Double);
            }
            else
            {
                writer.WriteNull();
            }

            return;
        }

        var boxed = column.Get(row);
        if (boxed is null)
        {
            writer.WriteNull();
            return;
        }

        switch (column.Type)
        {
            case BulkType.Int64:
                writer.Write(Convert.ToInt64(boxed, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                break;
            case BulkType.Int32:
                writer.Write(Convert.ToInt32(boxed, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                break;
            case BulkType.Boolean:
                writer.Write((bool)boxed, NpgsqlDbType.Boolean);
                break;
            case BulkType.Double:
                writer.Write(Convert.ToDouble(boxed, CultureInfo.InvariantCulture), NpgsqlDbType.Double);
                break;
            case BulkType.Binary:
                writer.Write((byte[])boxed, NpgsqlDbType.Bytea);
                break;
            default:
                writer.Write((string)boxed, NpgsqlDbType.Text);
                break;
        }
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
                BulkType.Binary => typeof(byte[]),
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

    /// <summary>Rows per multi-row INSERT on SQLite: fewer statement steps; the rest go one row at a time.</summary>
    internal const int SqliteRowsPerStatement = 64;

    // Straight through SQLite's C API on the connection's handle (inside its transaction): a prepared INSERT of many
    // rows, bound unboxed, stepped and reset. ADO.NET's parameters would box every value and look its type up again
    // for every row.
    private static void InsertIntoSqlite<T>(SqliteConnection connection, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        using var many = Prepare(db, InsertSql(table, columns, SqliteRowsPerStatement));
        var manyHandle = SqliteNative.Handle(many);
        var pending = new T[SqliteRowsPerStatement];
        var utf8 = new byte[256];
        var count = 0;
        foreach (var row in rows)
        {
            pending[count++] = row;
            if (count == SqliteRowsPerStatement)
            {
                for (var r = 0; r < count; r++)
                {
                    BindSqlite(db, manyHandle, r * columns.Count, columns, pending[r], ref utf8);
                }

                StepSqlite(db, many);
                count = 0;
            }
        }

        if (count > 0)
        {
            using var one = Prepare(db, InsertSql(table, columns, 1));
            for (var r = 0; r < count; r++)
            {
                BindSqlite(db, SqliteNative.Handle(one), 0, columns, pending[r], ref utf8);
                StepSqlite(db, one);
            }
        }
    }

    private static string InsertSql<T>(string table, IReadOnlyList<BulkColumn<T>> columns, int rows)
    {
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count)) + ")";
        return $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES {string.Join(", ", Enumerable.Repeat(values, rows))}";
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        return statement;
    }

    private static void StepSqlite(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    // Parameters are numbered from 1: row r's columns are first + 1 … first + columns.Count, bound on the statement's
    // native handle (SqliteNative: no SafeHandle taken and released per value). Text is bound as UTF-8,
    // encoded here into <paramref name="utf8"/> (grown as needed), in the database's own encoding: text bound as UTF-16
    // was copied by SQLite and converted again, byte by byte, as each row was stepped.
    private static void BindSqlite<T>(sqlite3 db, IntPtr statement, int first, IReadOnlyList<BulkColumn<T>> columns, T row, ref byte[] utf8)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var index = first + c + 1;
            int rc;
            if (column.Integer is { } integer)
            {
                rc = integer(row) is { } value ? SqliteNative.BindInt64(statement, index, value) : SqliteNative.BindNull(statement, index);
            }
            else if (column.Text is { } text)
            {
                rc = text(row) is { } value ? BindText(statement, index, value, ref utf8) : SqliteNative.BindNull(statement, index);
            }
            else if (column.Real is { } real)
            {
                rc = real(row) is { } value ? SqliteNative.BindDouble(statement, index, value) : SqliteNative.BindNull(statement, index);
            }
            else
            {
                rc = column.Get(row) switch
                {
                    null or DBNull => SqliteNative.BindNull(statement, index),
                    bool flag => SqliteNative.BindInt64(statement, index, flag ? 1 : 0),
                    string value => BindText(statement, index, value, ref utf8),
                    double value => SqliteNative.BindDouble(statement, index, value),
                    byte[] value => SqliteNative.BindBlob(statement, index, value),
                    var value when column.Type is BulkType.Int64 or BulkType.Int32 or BulkType.Boolean => SqliteNative.BindInt64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
                    var value when column.Type == BulkType.Double => SqliteNative.BindDouble(statement, index, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
                    var value => BindText(statement, index, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", ref utf8),
                };
            }

            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is reused for the next value; the empty string is bound
    // as empty text (SqliteNative.BindText), not as NULL.
    private static int BindText(IntPtr statement, int index, string value, ref byte[] utf8)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < most)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, utf8);
        return SqliteNative.BindText(statement, index, utf8.AsSpan(0, length));
    }
}
