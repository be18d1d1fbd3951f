namespace Reconciler.Storage;

/// <summary>The column types bulk copies write.</summary>
internal enum BulkType
{
    Int64,
    Int32,
    Text,
    Boolean,
    Double,
    Binary,
}
