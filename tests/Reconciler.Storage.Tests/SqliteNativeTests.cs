using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reconciler.Storage.Tests;

public class SqliteNativeTests
{
    [Fact]
    public void Bind_EachKindOfValue_ReadBackAsBound()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var db = connection.Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(db, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, typeof(?4), typeof(?6)", out var statement));
        using (statement)
        {
            var handle = SqliteNative.Handle(statement);

            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindInt64(handle, 1, long.MinValue));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindDouble(handle, 2, 0.125));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindNull(handle, 3));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindText(handle, 4, []));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindText(handle, 5, Encoding.UTF8.GetBytes("付款 KL26-004512 ＫＬ")));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindBlob(handle, 6, []));
            Assert.Equal(raw.SQLITE_OK, SqliteNative.BindBlob(handle, 7, [0, 1, 254, 255]));
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));

            Assert.Equal(long.MinValue, raw.sqlite3_column_int64(statement, 0));
            Assert.Equal(0.125, raw.sqlite3_column_double(statement, 1));
            Assert.Equal(raw.SQLITE_NULL, raw.sqlite3_column_type(statement, 2));
            Assert.Equal("text", raw.sqlite3_column_text(statement, 7).utf8_to_string());
            Assert.Equal("", raw.sqlite3_column_text(statement, 3).utf8_to_string());
            Assert.Equal("付款 KL26-004512 ＫＬ", raw.sqlite3_column_text(statement, 4).utf8_to_string());
            Assert.Equal("blob", raw.sqlite3_column_text(statement, 8).utf8_to_string());
            Assert.Equal([0, 1, 254, 255], raw.sqlite3_column_blob(statement, 6).ToArray());
        }
    }

    [Fact]
    public void Bind_IndexOutOfRange_ReturnsSqlitesError()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle!, "SELECT ?1", out var statement));
        using (statement)
        {
            Assert.Equal(raw.SQLITE_RANGE, SqliteNative.BindInt64(SqliteNative.Handle(statement), 2, 1));
            Assert.Equal(raw.SQLITE_RANGE, SqliteNative.BindText(SqliteNative.Handle(statement), 2, "x"u8));
        }
    }
}
