using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reconciler.Storage;

/// <summary>
/// One prepared statement run many times straight through SQLite's C API on a connection's handle (inside the
/// connection's transaction): values bound unboxed (text as UTF-8, the database's encoding, through one reused buffer),
/// stepped, reset. For the row-by-row writes of a bulk operation, where ADO.NET would box every value and look its
/// type up again for every row; in-process, a step costs no round trip.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[512];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1).</summary>
    public SqliteStatement Bind(int index, long value) => Checked(raw.sqlite3_bind_int64(_statement, index, value));

    /// <inheritdoc cref="Bind(int, long)"/>
    public SqliteStatement Bind(int index, double value) => Checked(raw.sqlite3_bind_double(_statement, index, value));

    /// <inheritdoc cref="Bind(int, long)"/>
    public SqliteStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return Checked(raw.sqlite3_bind_null(_statement, index));
        }

        // An empty span would be bound as a null pointer, which SQLite takes for NULL.
        if (value.Length == 0)
        {
            return Checked(raw.sqlite3_bind_text(_statement, index, ""));
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < most)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        return Checked(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length))); // copied by SQLite
    }

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return raw.sqlite3_changes(_db);
    }

    /// <summary>Runs a query; true when it gives a row (the rest are not read).</summary>
    public bool Any()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return rc == raw.SQLITE_ROW;
    }

    /// <summary>Runs a query; the first column of its first row as an integer, or null when it gives no row (the rest are not read).</summary>
    public long? FirstInt64()
    {
        var rc = raw.sqlite3_step(_statement);
        var value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_statement, 0) : (long?)null;
        raw.sqlite3_reset(_statement);
        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return value;
    }

    public void Dispose() => _statement.Dispose();

    private SqliteStatement Checked(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return this;
    }
}
