using Reconciler.Domain;

namespace Reconciler.Storage.Erp;

/// <summary>One row of the ERP query: the receivable it describes, what the ERP says of it, and the 1-based row of the result.</summary>
/// <param name="Receivable">The receivable; its <see cref="Receivable.Source"/> names the query and the row.</param>
/// <param name="Status">Open, paid or cancelled in the ERP.</param>
/// <param name="Row">The row of the query's result, from 1.</param>
public sealed record ErpReceivable(Receivable Receivable, ErpStatus Status, int Row);
