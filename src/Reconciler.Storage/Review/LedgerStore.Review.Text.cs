using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>The review operations' sentences, audit states and rows.</summary>
    internal static partial class ReviewSteps
    {
        private static readonly JsonSerializerOptions StateJson = new()
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the audit log is read by people: names stay readable
        };

        internal static string NotSuggested(LineRow line, string verb)
        {
            var id = Id(line.Id);
            var hint = line.Status switch
            {
                "matched" or "partial" => $"; to undo its allocations: review unmatch {id}",
                "unmatched" or NewStatus => $"; to allocate it by hand: review match {id} RECEIVABLE",
                "duplicate" => $"; it repeats line {line.DuplicateOf?.ToString(CultureInfo.InvariantCulture)}",
                "ignored" => "; it is not money in",
                _ => "",
            };
            var rule = line.Rule is null ? "" : $" ({line.Rule})";
            return $"line {id} is {line.Status}{rule}, not suggested: only a suggested line's candidates can be {verb}{hint}";
        }

        internal static string NothingToAllocate(LineRow line) => line.DuplicateOf is { } first
            ? string.Create(CultureInfo.InvariantCulture, $"line {line.Id} repeats line {first} (an overlapping export); allocate line {first} instead")
            : line.NotBooked is { } status
                ? string.Create(CultureInfo.InvariantCulture, $"line {line.Id} is not booked by the bank ({Shown(line.Amount)}, its status \"{status}\"): no money moved, there is nothing to allocate (if the bank books it later, that line comes in a later statement and can be allocated)")
                : string.Create(CultureInfo.InvariantCulture, $"line {line.Id} is not money in ({Shown(line.Amount)}{(line.Neutral ? ", marked neither in nor out" : "")}): there is nothing to allocate");

        internal static string Describe(List<AllocationRow> allocations, bool back = false) =>
            string.Join("; ", allocations.Select(a =>
                $"{Shown(a.Amount)}{(a.Status is AutoStatus or ConfirmedStatus ? "" : $" {a.Status}")} {(back ? "back to" : "to")} {Name(a)} (open now {Shown(a.OpenAmount)})"));

        internal static string Unallocated(long left) => left > 0 ? $"; {Shown(left)} of the payment not allocated" : "";

        internal static string Noted(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $"; note: {note.Trim()}";

        internal static string Name(AllocationRow allocation) => string.Create(CultureInfo.InvariantCulture, $"{allocation.ContractNo} (#{allocation.ReceivableId})");

        internal static string Name(ReceivableRow receivable) => string.Create(CultureInfo.InvariantCulture, $"{receivable.ContractNo} (#{receivable.Id})");

        internal static string Shown(long units) => Money.FromUnits(units).ToString("#,##0.00##", CultureInfo.InvariantCulture);

        internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

        /// <summary>A line's state for the audit log: status, allocations, candidates, links learned or forgotten.</summary>
        internal static string State(
            string status,
            List<AllocationRow>? allocations = null,
            List<AllocationRow>? candidates = null,
            List<PayerLink>? learned = null,
            List<PayerLink>? forgotten = null) =>
            JsonSerializer.Serialize(
                new
                {
                    status,
                    allocations = Items(allocations),
                    candidates = Items(candidates),
                    learned = Links(learned),
                    forgotten = Links(forgotten),
                },
                StateJson);

        internal static object[]? Items(List<AllocationRow>? allocations) => allocations is { Count: > 0 }
            ? [.. allocations.Select(a => new { receivable = a.ReceivableId, contract = a.ContractNo, amount = Money.FromUnits(a.Amount), status = a.Status })]
            : null;

        internal static object[]? Links(List<PayerLink>? links) => links is { Count: > 0 }
            ? [.. links.Select(l => new { account = l.PayerAccount, name = l.PayerName, customer = l.CustomerId })]
            : null;

        /// <summary>A statement line as a review operation reads it.</summary>
        internal sealed class LineRow
        {
            public long Id { get; init; }

            public long Amount { get; init; }

            public string Currency { get; init; } = "";

            public string PayerName { get; init; } = "";

            public string PayerAccount { get; init; } = "";

            public bool Neutral { get; init; }

            public string? NotBooked { get; init; }

            public string Status { get; init; } = "";

            public string? Rule { get; init; }

            public long? DuplicateOf { get; init; }

            public string UpdatedAt { get; init; } = "";
        }

        /// <summary>An allocation row with its receivable as it stands now.</summary>
        internal sealed record AllocationRow
        {
            public long Id { get; init; }

            public long LineId { get; init; }

            public long ReceivableId { get; init; }

            public long Amount { get; init; }

            public string Status { get; init; } = "";

            public string Rule { get; init; } = "";

            public double Confidence { get; init; }

            public string ContractNo { get; init; } = "";

            public string CustomerId { get; init; } = "";

            public string CustomerName { get; init; } = "";

            public string Currency { get; init; } = "";

            public long OpenAmount { get; init; }

            public ReviewAllocation ToReview() => new(
                ReceivableId,
                ContractNo,
                CustomerId,
                CustomerName,
                Currency,
                Money.FromUnits(OpenAmount),
                Money.FromUnits(Amount),
                Status,
                Rule,
                Confidence);
        }
    }
}
