namespace Reconciler.Storage;

/// <summary>One version of the schema: its number, a name, and the statements (with type placeholders) that make it.</summary>
/// <param name="Version">The version, from 1 up without gaps.</param>
/// <param name="Name">What it adds, for the schema table and logs.</param>
/// <param name="Statements">DDL with the placeholders of <see cref="SqlDialect.Schema"/>.</param>
internal sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements)
{
    /// <summary>
    /// The one database whose schema the statements change, or null for all of them: the others record the version
    /// and run nothing (a change that only one database needs, in SQL only it takes).
    /// </summary>
    public StorageProvider? Only { get; init; }

    /// <summary>The statements to run on <paramref name="provider"/>: all of them, or none when the migration is another database's.</summary>
    public IReadOnlyList<string> StatementsFor(StorageProvider provider) => Only is { } only && only != provider ? [] : Statements;
}
