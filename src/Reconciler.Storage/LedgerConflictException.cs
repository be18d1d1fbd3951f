namespace Reconciler.Storage;

/// <summary>The ledger changed under an operation (another writer allocated to the same receivable); nothing was saved.</summary>
public sealed class LedgerConflictException : Exception
{
    public LedgerConflictException()
    {
    }

    public LedgerConflictException(string message)
        : base(message)
    {
    }

    public LedgerConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
