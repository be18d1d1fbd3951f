using Dapper;
using Microsoft.Data.Sqlite;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>
/// The SQLite reader for million-row reads: values and NULLs read as ADO.NET reads them, parameters bound as Dapper
/// binds them (a list expanded for <c>IN @Name</c>), inside the connection's transaction.
/// </summary>
public sealed class SqliteRowReaderTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly SqliteConnection _connection;

    public SqliteRowReaderTests()
    {
        _connection = (SqliteConnection)_database.Open();
        _connection.Execute(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT NULL, x FLOAT NULL, s TEXT NULL);
            INSERT INTO t (id, n, x, s) VALUES (1, 42, 2.5, '付款 INV-1 🙂'), (2, 0, 0, ''), (3, NULL, NULL, NULL), (4, -7, -0.25, 'plain');
            """);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Read_IntegersRealsAndText_AsStoredIncludingNonAsciiText()
    {
        using var reader = SqliteRowReader.Open(_connection, "SELECT id, n, x, s FROM t WHERE id IN (1, 4) ORDER BY id", null);

        Assert.True(reader.Read());
        Assert.Equal((1L, 42L, 2.5, "付款 INV-1 🙂"), (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3)));
        Assert.Equal(42, reader.GetInt32(1));
        Assert.True(reader.GetBoolean(1));
        Assert.True(reader.Read());
        Assert.Equal((4L, -7L, -0.25, "plain"), (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3)));
        Assert.False(reader.Read());
        Assert.False(reader.Read()); // and stays at the end
    }

    [Fact]
    public void Read_ZeroAndEmptyText_AreValuesNotNulls()
    {
        using var reader = SqliteRowReader.Open(_connection, "SELECT n, x, s FROM t WHERE id = 2", null);

        Assert.True(reader.Read());
        Assert.False(reader.IsDBNull(0));
        Assert.Equal(0L, reader.GetInt64(0));
        Assert.Equal(0.0, reader.GetDouble(1));
        Assert.Equal("", reader.GetString(2));
        Assert.False(reader.GetBoolean(0));
    }

    [Fact]
    public void Read_Null_IsDBNullAndRefusedByTheTypedGetters()
    {
        using var reader = SqliteRowReader.Open(_connection, "SELECT n, x, s FROM t WHERE id = 3", null);

        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0) && reader.IsDBNull(1) && reader.IsDBNull(2));
        Assert.Contains("(n) is NULL", Assert.Throws<InvalidOperationException>(() => reader.GetInt64(0)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => reader.GetDouble(1));
        Assert.Contains("(s) is NULL", Assert.Throws<InvalidOperationException>(() => reader.GetString(2)).Message, StringComparison.Ordinal);
        Assert.Equal(DBNull.Value, reader.GetValue(2));
    }

    [Fact]
    public void GetText_CharactersOfTheColumn_LongerThanTheBufferAndNullRefused()
    {
        var memo = string.Concat(Enumerable.Repeat("货款 INV-2026-001 ", 40)); // 640 characters, more than the first buffer
        using var reader = SqliteRowReader.Open(_connection, "SELECT s, @Memo, n FROM t WHERE id IN (1, 2, 3) ORDER BY id", new { Memo = memo });

        Assert.True(reader.Read());
        Assert.Equal("付款 INV-1 🙂", reader.GetText(0).ToString());
        Assert.Equal(memo, reader.GetText(1).ToString());
        Assert.True(reader.Read());
        Assert.True(reader.GetText(0).IsEmpty);
        Assert.True(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetText(0).ToString());
    }

    [Fact]
    public void Getters_AfterClose_RefusedRatherThanReadFromTheFinalizedStatement()
    {
        var reader = SqliteRowReader.Open(_connection, "SELECT n, x, s FROM t WHERE id = 1", null);
        Assert.True(reader.Read());

        reader.Close();

        // The statement is disposed with the reader (ObjectDisposedException, an InvalidOperationException).
        Assert.ThrowsAny<InvalidOperationException>(() => reader.GetInt64(0));
        Assert.ThrowsAny<InvalidOperationException>(() => reader.GetDouble(1));
        Assert.ThrowsAny<InvalidOperationException>(() => reader.GetString(2));
        Assert.ThrowsAny<InvalidOperationException>(() => reader.IsDBNull(2));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Open_ScalarParameters_BoundByNameFromTheObjectsProperties()
    {
        var ids = Ids("SELECT id FROM t WHERE n > @Least AND s <> @Not AND x < @Below AND (@Nothing IS NULL) ORDER BY id", new { Least = -100L, Not = "plain", Below = 10.0, Nothing = (string?)null, Unused = 5 });

        Assert.Equal([1L, 2L], ids);
    }

    [Fact]
    public void Open_NamesMatchedIgnoringCase_BytesAsABlobAndEnumsAsTheirNumber()
    {
        using var reader = SqliteRowReader.Open(_connection, "SELECT id, length(@blob), typeof(@BLOB), @Day FROM t WHERE n = @least", new { Least = 42L, Blob = new byte[] { 1, 2, 3 }, Day = DayOfWeek.Friday });

        Assert.True(reader.Read());
        Assert.Equal((1L, 3L, "blob", 5L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Open_ParameterWithoutAValue_RefusedNotReadAsNull()
    {
        var error = Assert.Throws<ArgumentException>(() => SqliteRowReader.Open(_connection, "SELECT id FROM t WHERE n <> @RunId", new { Run = 1L }));

        Assert.Contains("@RunId", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SqliteRowReader.Open(_connection, "SELECT id FROM t WHERE n <> @RunId", null));
    }

    [Fact]
    public void Open_ListParameter_ExpandedForInAsDapperDoes()
    {
        var sql = "SELECT id FROM t WHERE id IN @Ids ORDER BY id";

        Assert.Equal([2L, 4L], Ids(sql, new { Ids = new long[] { 4, 2, 99 } }));
        Assert.Equal(_connection.Query<long>(sql, new { Ids = new long[] { 4, 2, 99 } }), Ids(sql, new { Ids = new long[] { 4, 2, 99 } }));
        Assert.Empty(Ids(sql, new { Ids = Array.Empty<long>() }));
        Assert.Equal([1L, 2L, 3L, 4L], Ids("SELECT id FROM t WHERE NOT (id IN @Ids) ORDER BY id", new { Ids = Array.Empty<long>() }));
        Assert.Equal([1L], Ids("SELECT id FROM t WHERE id IN @Ids AND id IN @IdsToo ORDER BY id", new { Ids = new long[] { 1, 2 }, IdsToo = new long[] { 1, 3 } }));
    }

    [Fact]
    public void Open_ListOfMoreValuesThanAStatementUsuallyHas_AllBound()
    {
        var many = Enumerable.Range(1, 5_000).Select(i => (long)i).Reverse().ToArray(); // the ids of the table last

        Assert.Equal([1L, 2L, 3L, 4L], Ids("SELECT id FROM t WHERE id IN @Ids ORDER BY id", new { Ids = many }));
    }

    [Fact]
    public void Read_InsideTheConnectionsTransaction_SeesItsUncommittedRows()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            _connection.Execute("INSERT INTO t (id, n) VALUES (5, 1)", transaction: transaction);

            using var reader = LedgerStore.Rows(_connection, transaction, "SELECT COUNT(*) FROM t");
            Assert.IsType<SqliteRowReader>(reader);
            Assert.True(reader.Read());
            Assert.Equal(5L, reader.GetInt64(0));
        }

        // Rolled back with the transaction.
        Assert.Equal(4L, _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Columns_NamesOrdinalsTypesAndHasRows_AsAReaderGivesThem()
    {
        using var reader = SqliteRowReader.Open(_connection, "SELECT id AS Id, s AS Text FROM t WHERE id = @Id", new { Id = 1L });

        Assert.Equal(2, reader.FieldCount);
        Assert.Equal(["Id", "Text"], [reader.GetName(0), reader.GetName(1)]);
        Assert.Equal(1, reader.GetOrdinal("text"));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetOrdinal("missing"));
        Assert.True(reader.HasRows); // steps to the first row, which Read then gives
        Assert.True(reader.Read());
        Assert.Equal(typeof(long), reader.GetFieldType(0));
        Assert.Equal(typeof(string), reader.GetFieldType(1));
        Assert.Equal([1L, "付款 INV-1 🙂"], [reader["Id"], reader[1]]);
        Assert.False(reader.Read());
        Assert.True(reader.HasRows);

        using var none = SqliteRowReader.Open(_connection, "SELECT id FROM t WHERE id = @Id", new { Id = 99L });
        Assert.False(none.HasRows);
        Assert.False(none.Read());
    }

    [Fact]
    public void Open_BadStatementOrParameter_RefusedWithSqlitesOrAPlainMessage()
    {
        var error = Assert.Throws<SqliteException>(() => SqliteRowReader.Open(_connection, "SELECT nope FROM t", null));
        Assert.Contains("no such column: nope", error.Message, StringComparison.Ordinal);

        var type = Assert.Throws<ArgumentException>(() => SqliteRowReader.Open(_connection, "SELECT id FROM t WHERE id = @Id", new { Id = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Contains("@Id", type.Message, StringComparison.Ordinal);

        var dynamicParameters = new DynamicParameters();
        dynamicParameters.Add("Id", 1L);
        Assert.Throws<ArgumentException>(() => SqliteRowReader.Open(_connection, "SELECT id FROM t WHERE id = @Id", dynamicParameters));
    }

    [Fact]
    public void Close_ThenRead_GivesNoRowAndTheStatementIsReleased()
    {
        var reader = SqliteRowReader.Open(_connection, "SELECT id FROM t", null);
        Assert.True(reader.Read());

        reader.Dispose();

        Assert.True(reader.IsClosed);
        Assert.False(reader.Read());
        Assert.Null(SQLitePCL.raw.sqlite3_next_stmt(_connection.Handle, null)); // finalized: the connection has no statement left
        // A statement still open would keep the table from being dropped ("database table is locked").
        _connection.Execute("DROP TABLE t");
    }

    [Fact]
    public void Close_AfterHasRowsSteppedToTheFirstRow_ReadGivesNoRow()
    {
        var reader = SqliteRowReader.Open(_connection, "SELECT id FROM t", null);
        Assert.True(reader.HasRows);

        reader.Close();

        Assert.False(reader.Read());
    }

    [Fact]
    public void Expanded_NameInsideALongerName_Untouched()
    {
        Assert.Equal("x IN (@Id0, @Id1) AND y = @Ids", SqliteRowReader.Expanded("x IN @Id AND y = @Ids", "Id", 2));
    }

    private List<long> Ids(string sql, object parameters)
    {
        using var reader = SqliteRowReader.Open(_connection, sql, parameters);
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
