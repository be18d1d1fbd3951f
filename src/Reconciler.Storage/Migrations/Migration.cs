namespace Reconciler.Storage;

/// <summary>One version of the schema: its number, a name, and the statements (with type placeholders) that make it.</summary>
/// <param name="Version">The version, from 1 up without gaps.</param>
/// <param name="Name">What it adds, for the schema table and logs.</param>
/// <param name="Statements">DDL with the placeholders of <see cref="SqlDialect.Schema"/>.</param>
internal sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
