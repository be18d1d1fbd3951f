namespace Reconciler.Storage;

/// <summary>
/// The ledger's database is reachable but cannot hold a ledger as it is set up (a SQL Server database whose collation
/// makes different texts equal, such as one that ignores case); nothing was changed. The message says what to change.
/// An <see cref="InvalidOperationException"/>, so that what reports those in one line reports this too.
/// </summary>
public sealed class LedgerUnusableException : InvalidOperationException
{
    public LedgerUnusableException()
    {
    }

    public LedgerUnusableException(string message)
        : base(message)
    {
    }

    public LedgerUnusableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
