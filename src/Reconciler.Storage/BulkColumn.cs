namespace Reconciler.Storage;

/// <summary>One column of a bulk copy: its name, its type and how to read it from a row.</summary>
internal sealed record BulkColumn<T>(string Name, BulkType Type, Func<T, object?> Get);
