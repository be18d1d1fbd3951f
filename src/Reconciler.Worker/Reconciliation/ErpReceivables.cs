using System.Data.Common;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Storage.Erp;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// The receivables of a run from the ERP's query (<c>Receivables:Erp</c>) beside those of the receivables file: the
/// ERP's win where both give a receivable (same contract number and customer id), so a run with both is stable.
/// </summary>
internal static class ErpReceivables
{
    /// <summary>Runs the ERP's query; its failures become the run's input errors (exit code 2).</summary>
    /// <exception cref="InputFormatException">The result cannot be read (the message names the query, row, column and value).</exception>
    /// <exception cref="InputUnreadableException">The ERP's database cannot be reached, or the query fails or times out.</exception>
    public static IReadOnlyList<ErpReceivable> Read(ErpSource source)
    {
        try
        {
            return ErpReceivableReader.Read(source);
        }
        catch (ErpFormatException problem)
        {
            throw new InputFormatException(problem.Message, problem);
        }
        catch (DbException problem)
        {
            throw new InputUnreadableException($"{source.Description} cannot be run: {problem.Message}", problem);
        }
    }

    /// <summary>The file's receivables that the ERP does not also give.</summary>
    public static IReadOnlyList<Receivable> Without(IReadOnlyList<Receivable> file, IReadOnlyList<ErpReceivable> erp)
    {
        var fromErp = erp.Select(r => (r.Receivable.ContractNo, r.Receivable.CustomerId)).ToHashSet();
        return [.. file.Where(r => !fromErp.Contains((r.ContractNo, r.CustomerId)))];
    }

    /// <summary>
    /// The receivables an in-memory run matches against: the file's (when given) that the ERP does not also give,
    /// and the ERP's open ones (paid and cancelled ones are not matched).
    /// </summary>
    public static IReadOnlyList<Receivable> ForMatching(ReconcileRequest request, StageTimings timings, Action<string>? progress)
    {
        var file = request.ReceivablesPath is null ? [] : timings.Time("read receivables", progress, () => ReconcileJob.ReadReceivables(request));
        if (request.Erp is not { } source)
        {
            return file;
        }

        var erp = timings.Time("query ERP", progress, () => Read(source));
        return [.. Without(file, erp), .. erp.Where(r => r.Status == ErpStatus.Open).Select(r => r.Receivable)];
    }
}
