using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reconciler.Storage;

/// <summary>
/// The rows of one query read straight through SQLite's C API on a connection's handle (inside the connection's
/// transaction), for the reads of a million rows: a value costs one call into SQLite and, for text, one UTF-8 decode.
/// Through Microsoft.Data.Sqlite's reader each value also costs a type check and a few more calls (a million stored
/// lines of 19 columns: 8 s to read, 2.4–3 s this way, measured on a 1M ledger). Parameters are bound by name from an
/// object's properties as Dapper binds them, a list expanded where the statement says <c>IN @Name</c>.
/// </summary>
internal sealed class SqliteRowReader : DbDataReader
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private bool _done;
    private bool _closed;
    private bool _stepped; // a row was stepped to (by Read or HasRows)
    private bool _peeked; // HasRows stepped to the first row, which Read has not given yet
    private char[] _chars = new char[256];

    private SqliteRowReader(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    /// <summary>
    /// Prepares <paramref name="sql"/> on <paramref name="connection"/>, binds <paramref name="parameters"/> and returns
    /// its rows, none read yet. Every parameter the statement names must have a value (names matched ignoring case, as
    /// Dapper matches them); a parameter left without one is refused, not read as NULL.
    /// </summary>
    public static SqliteRowReader Open(SqliteConnection connection, string sql, object? parameters)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Values(parameters))
        {
            if (IsList(value))
            {
                var items = ((IEnumerable)value!).Cast<object?>().ToList();
                sql = Expanded(sql, name, items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    values[string.Create(CultureInfo.InvariantCulture, $"{name}{i}")] = items[i];
                }
            }
            else
            {
                values[name] = value;
            }
        }

        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        try
        {
            // The statement's own parameters, each bound or refused; a value the statement does not name is left out.
            for (var index = 1; index <= raw.sqlite3_bind_parameter_count(statement); index++)
            {
                var name = raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string();
                if (name is not { Length: > 1 } || !values.TryGetValue(name[1..], out var value))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"the statement names parameter {name ?? "?" + index} but no value was given for it"),
                        nameof(parameters));
                }

                Bind(db, statement, index, name, value);
            }

            return new SqliteRowReader(db, statement);
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>The named values of an object: its public properties (an anonymous object's, as Dapper takes them).</summary>
    private static List<(string Name, object? Value)> Values(object? parameters) => parameters switch
    {
        null => [],
        SqlMapper.IDynamicParameters => throw new ArgumentException("Dapper's dynamic parameters are not read here: give the values as an object's properties", nameof(parameters)),
        _ => [.. parameters.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, p.GetValue(parameters)))],
    };

    /// <summary>A value that stands for a list (<c>IN @Name</c>): a sequence other than text or bytes.</summary>
    private static bool IsList(object? value) => value is IEnumerable and not string and not byte[];

    /// <summary>
    /// <paramref name="sql"/> with each <c>@name</c> that stands for a list of <paramref name="count"/> values written as
    /// <c>(@name0, @name1, …)</c>; an empty list as a subquery that gives no row (so <c>x IN</c> it is false).
    /// </summary>
    internal static string Expanded(string sql, string name, int count)
    {
        var items = count == 0
            ? "(SELECT NULL WHERE 0)"
            : "(" + string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@{name}{i}"))) + ")";
        return Regex.Replace(sql, "@" + Regex.Escape(name) + @"(?!\w)", _ => items, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, int index, string name, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
            double d => raw.sqlite3_bind_double(statement, index, d),
            string s => raw.sqlite3_bind_text(statement, index, s),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"parameter {name}: a {value.GetType().Name} cannot be bound here (integers, enums, reals, text, bytes or null)"),
                nameof(value)),
        };
        SqliteException.ThrowExceptionForRC(rc, db);
    }

    public override bool Read()
    {
        if (_closed)
        {
            return false;
        }

        if (_peeked)
        {
            _peeked = false;
            return true;
        }

        return Step();
    }

    private bool Step()
    {
        if (_done || _closed)
        {
            return false;
        }

        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            _stepped = true;
            return true;
        }

        _done = true;
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public override bool IsDBNull(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_NULL;

    // The value getters ask for the column's type only when the value read could be a NULL (an empty text, a zero):
    // a NULL is refused as Microsoft.Data.Sqlite refuses it (InvalidOperationException), at the cost of a second call
    // on those values alone.
    public override long GetInt64(int ordinal)
    {
        var value = raw.sqlite3_column_int64(_statement, ordinal);
        return value == 0 ? NotNull(ordinal, value) : value;
    }

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal)
    {
        var value = raw.sqlite3_column_double(_statement, ordinal);
        return value == 0 ? NotNull(ordinal, value) : value;
    }

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override decimal GetDecimal(int ordinal) =>
        raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_TEXT
            ? decimal.Parse(GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture)
            : (decimal)GetDouble(ordinal);

    public override string GetString(int ordinal)
    {
        var bytes = raw.sqlite3_column_blob(_statement, ordinal);
        return bytes.Length == 0 ? NotNull(ordinal, "") : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The text of a column of the current row as characters, without making a string: for values many rows repeat
    /// (looked up in a pool) or that are parsed. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<char> GetText(int ordinal)
    {
        var bytes = raw.sqlite3_column_blob(_statement, ordinal);
        if (bytes.Length == 0)
        {
            NotNull(ordinal, 0);
            return [];
        }

        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
    }

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override DateTime GetDateTime(int ordinal) => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal));

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = raw.sqlite3_column_blob(_statement, ordinal);
        if (buffer is null)
        {
            return bytes.Length;
        }

        var from = (int)Math.Min(dataOffset, bytes.Length);
        var count = Math.Min(length, bytes.Length - from);
        bytes.Slice(from, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var from = (int)Math.Min(dataOffset, text.Length);
        var count = Math.Min(length, text.Length - from);
        text.CopyTo(from, buffer, bufferOffset, count);
        return count;
    }

    public override object GetValue(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, ordinal),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, ordinal),
        raw.SQLITE_TEXT => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, ordinal)),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, ordinal).ToArray(),
        _ => DBNull.Value,
    };

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override Type GetFieldType(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) switch
    {
        raw.SQLITE_INTEGER => typeof(long),
        raw.SQLITE_FLOAT => typeof(double),
        raw.SQLITE_BLOB => typeof(byte[]),
        _ => typeof(string),
    };

    public override string GetDataTypeName(int ordinal) => raw.sqlite3_column_decltype(_statement, ordinal).utf8_to_string() ?? "";

    public override string GetName(int ordinal) => raw.sqlite3_column_name(_statement, ordinal).utf8_to_string() ?? "";

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "no column of that name");
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int FieldCount => raw.sqlite3_column_count(_statement);

    public override int Depth => 0;

    public override bool HasRows
    {
        get
        {
            if (!_stepped && !_done)
            {
                _peeked = Step();
            }

            return _stepped;
        }
    }

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override bool NextResult() => false;

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    public override void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _statement.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private T NotNull<T>(int ordinal, T value) =>
        raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_NULL
            ? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"column {ordinal} ({GetName(ordinal)}) is NULL: check IsDBNull first"))
            : value;
}
