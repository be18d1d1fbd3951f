using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Reconciler.Storage.Tests.Databases;

/// <summary>
/// Every table of a database at one moment: its row count and a SHA-256 over all its rows and columns, in key
/// order. Two readings are equal only when no row was added, removed or changed (a rewritten timestamp counts).
/// </summary>
internal sealed class LedgerContents
{
    private readonly SortedDictionary<string, (int Rows, string Checksum)> _tables;

    private LedgerContents(SortedDictionary<string, (int Rows, string Checksum)> tables) => _tables = tables;

    /// <summary>Reads every table of <paramref name="database"/>.</summary>
    public static LedgerContents Read(TestDatabase database)
    {
        using var connection = database.Open();
        var tables = new SortedDictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var table in connection.Query<string>(database.TablesQuery).ToList())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            using var reader = command.ExecuteReader();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append('\u001F');
                }

                hash.AppendData(Encoding.UTF8.GetBytes(row.Append('\u001E').ToString()));
            }

            tables[table] = (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        return new LedgerContents(tables);
    }

    /// <summary>The tables read.</summary>
    public IReadOnlyCollection<string> Tables => _tables.Keys;

    /// <summary>The row count of a table.</summary>
    public int Rows(string table) => _tables[table].Rows;

    /// <summary>One line per table, "name: N rows, checksum", to compare two readings with a readable difference.</summary>
    public string Describe() =>
        string.Join('\n', _tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}: {t.Value.Rows} rows, {t.Value.Checksum[..16]}")));

    public override string ToString() => Describe();

    private static string Text(object value) => value switch
    {
        DBNull => "∅",
        byte[] bytes => Convert.ToHexString(bytes),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
