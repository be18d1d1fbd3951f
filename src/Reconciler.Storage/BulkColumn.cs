namespace Reconciler.Storage;

/// <summary>
/// One column of a bulk copy: its name, its type and how to read it from a row. <see cref="Get"/> reads it boxed (what
/// SqlBulkCopy's table takes); a column made by one of <see cref="BulkColumn"/>'s typed factories also reads it unboxed
/// (<see cref="Integer"/>, <see cref="Real"/> or <see cref="Text"/>), which the SQLite and PostgreSQL paths use, so a
/// million rows do not make a million boxes per numeric column.
/// </summary>
internal sealed record BulkColumn<T>(string Name, BulkType Type, Func<T, object?> Get)
{
    /// <summary>The value of an <see cref="BulkType.Int64"/>, <see cref="BulkType.Int32"/> or <see cref="BulkType.Boolean"/> (0 or 1) column, unboxed; null when the column was made boxed only.</summary>
    public Func<T, long?>? Integer { get; init; }

    /// <summary>The value of a <see cref="BulkType.Double"/> column, unboxed; null when the column was made boxed only.</summary>
    public Func<T, double?>? Real { get; init; }

    /// <summary>The value of a <see cref="BulkType.Text"/> column; null when the column was made boxed only.</summary>
    public Func<T, string?>? Text { get; init; }
}

/// <summary>The typed makers of <see cref="BulkColumn{T}"/>.</summary>
internal static class BulkColumn
{
    /// <summary>A <c>BIGINT</c> column.</summary>
    public static BulkColumn<T> Int64<T>(string name, Func<T, long> get) =>
        new(name, BulkType.Int64, r => get(r)) { Integer = r => get(r) };

    /// <summary>A nullable <c>BIGINT</c> column.</summary>
    public static BulkColumn<T> Int64<T>(string name, Func<T, long?> get) =>
        new(name, BulkType.Int64, r => get(r)) { Integer = get };

    /// <summary>An <c>INTEGER</c> column.</summary>
    public static BulkColumn<T> Int32<T>(string name, Func<T, int> get) =>
        new(name, BulkType.Int32, r => get(r)) { Integer = r => get(r) };

    /// <summary>A boolean column.</summary>
    public static BulkColumn<T> Boolean<T>(string name, Func<T, bool> get) =>
        new(name, BulkType.Boolean, r => get(r)) { Integer = r => get(r) ? 1 : 0 };

    /// <summary>A <c>FLOAT</c> column.</summary>
    public static BulkColumn<T> Double<T>(string name, Func<T, double> get) =>
        new(name, BulkType.Double, r => get(r)) { Real = r => get(r) };

    /// <summary>A text column (null where the getter gives null).</summary>
    public static BulkColumn<T> Text<T>(string name, Func<T, string?> get) =>
        new(name, BulkType.Text, get) { Text = get };

    /// <summary>A binary column (<c>BYTEA</c>, <c>VARBINARY</c>, <c>BLOB</c>; null where the getter gives null), read boxed.</summary>
    public static BulkColumn<T> Binary<T>(string name, Func<T, byte[]?> get) =>
        new(name, BulkType.Binary, get);
}
