using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// Review, with undo: a person confirms, rejects or makes a line's allocations, or undoes them. Each operation
/// runs in one transaction that first claims the line (a conditional update on its status and time, so two
/// reviewers or a run cannot decide the same line at once), takes amounts off receivables through the same
/// conditional update a run uses (never below zero), and writes one audit row with the reviewer, the note and the
/// line's state before and after.
/// </summary>
/// <remarks>
/// A line a person rejected or unmatched is <c>unmatched</c> with rule <see cref="RejectedByReviewerRule"/> or
/// <see cref="UnmatchedByReviewerRule"/>: held by a person, it is left out of automatic runs (see
/// <see cref="HeldByReviewerRules"/>), so a run does not suggest again what was turned down nor redo what was
/// undone; <see cref="Match"/> is how such a line gets allocated.
/// </remarks>
public sealed partial class LedgerStore
{
    /// <summary>The rule of a line whose candidates a person confirmed.</summary>
    public const string ConfirmedByReviewerRule = "confirmed-by-reviewer";

    /// <summary>The rule of a line a person allocated by hand.</summary>
    public const string MatchedByReviewerRule = "matched-by-reviewer";

    /// <summary>The rule of a line whose candidates a person rejected.</summary>
    public const string RejectedByReviewerRule = "rejected-by-reviewer";

    /// <summary>The rule of a line whose allocations a person undid.</summary>
    public const string UnmatchedByReviewerRule = "unmatched-by-reviewer";

    /// <summary>The rule of an allocation a person made by hand.</summary>
    public const string ManualRule = "manual";

    /// <summary>The rules of <c>unmatched</c> lines a person holds: automatic runs leave them alone.</summary>
    public static IReadOnlyList<string> HeldByReviewerRules { get; } = [RejectedByReviewerRule, UnmatchedByReviewerRule];

    /// <summary>Every status a stored line can have: <c>new</c>, then the <see cref="MatchStatus"/> names.</summary>
    public static IReadOnlyList<string> LineStatuses { get; } = [NewStatus, .. MatchStatusNames.All.Select(s => s.ToName())];

    /// <summary>
    /// The lines with a status (<c>suggested</c> when null), in file and row order, each with its decision, its
    /// ranked candidates and its allocations, with the receivables' open amounts as they stand now.
    /// </summary>
    /// <exception cref="ReviewException">The status is not a line status.</exception>
    public IReadOnlyList<ReviewLine> ListForReview(string? status = null)
    {
        var wanted = string.IsNullOrWhiteSpace(status)
            ? MatchStatus.Suggested.ToName()
            : LineStatuses.FirstOrDefault(s => string.Equals(s, status.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ReviewException($"\"{status}\" is not a line status; the statuses are {string.Join(", ", LineStatuses)}");
        using var connection = Open();
        using var transaction = Begin(connection);
        var lines = Lines(connection, transaction, "l.status = @Status", new { Status = wanted });
        var decisions = connection.Query<(long Id, string? Rule, double? Confidence, string? Explanation)>(
            "SELECT id, match_rule AS \"Rule\", confidence, explanation FROM statement_line WHERE status = @Status",
            new { Status = wanted },
            transaction).ToDictionary(d => d.Id);
        var allocations = connection.Query<ReviewSteps.AllocationRow>(
            $"""
            {ReviewSteps.AllocationSelect}
            WHERE l.status = @Status AND a.status <> '{RejectedStatus}'
            ORDER BY a.id
            """,
            new { Status = wanted },
            transaction).ToLookup(a => a.LineId);
        transaction.Commit();

        return [.. lines.Select(stored =>
        {
            var decision = decisions[stored.Id];
            var mine = allocations[stored.Id];
            return new ReviewLine(
                stored.Id,
                stored.Line,
                stored.Status,
                decision.Rule,
                decision.Confidence,
                decision.Explanation,
                [.. mine.Where(a => a.Status == CandidateStatus).Select(a => a.ToReview())],
                [.. mine.Where(a => a.Status != CandidateStatus).Select(a => a.ToReview())]);
        })];
    }

    /// <summary>
    /// Confirms a suggested line's candidates (all, or the receivables named): each is applied as a confirmed
    /// allocation of its proposed amount, the other candidates are rejected, the line becomes <c>matched</c>
    /// (<c>partial</c> when a receivable stays open), and the payer ⇄ customer link is learned.
    /// </summary>
    /// <param name="lineId">The line's ledger id.</param>
    /// <param name="receivables">The candidates to confirm (contract numbers or ledger ids); null or empty for all.</param>
    /// <param name="by">Who confirms.</param>
    /// <param name="note">Why, for the audit log; may be null.</param>
    /// <remarks>
    /// Confirming a line a person confirmed before (all its candidates, or receivables it was confirmed to) changes
    /// nothing: the outcome says so, with what the line has (<see cref="ReviewOutcome.Changed"/> false). On a decided line
    /// that holds a <see cref="ExceptionKind.ReceivableLowered"/> exception (of a receivable named, or any), confirming
    /// acknowledges the over-payment instead: the exception is resolved and the allocations stay (see
    /// <see cref="AcknowledgeLowered"/>); again, it changes nothing.
    /// </remarks>
    /// <exception cref="ReviewException">Unknown line, a line not suggested (nor holding a lowered receivable's exception), a receivable not a candidate, candidates that add up to more than the line, or not enough open; nothing was saved.</exception>
    /// <exception cref="LedgerConflictException">A run or another reviewer changed the line or a receivable while this ran; nothing was saved.</exception>
    public ReviewOutcome Confirm(long lineId, IReadOnlyList<string>? receivables, string by, string? note)
    {
        ReviewSteps.Reviewer(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var line = ReviewSteps.ReadLine(connection, transaction, lineId);
        if (line.Status != MatchStatus.Suggested.ToName() && AcknowledgeLowered(connection, transaction, line, receivables, by, note, now) is { } acknowledged)
        {
            transaction.Commit();
            return acknowledged;
        }

        if (line.Rule == ConfirmedByReviewerRule
            && ReviewSteps.AlreadyApplied(connection, transaction, lineId, [.. (receivables ?? []).Select(r => new ManualAllocation(r))]) is { } confirmed)
        {
            transaction.Commit();
            return new ReviewOutcome(lineId, false, line.Status, string.Create(CultureInfo.InvariantCulture, $"line {lineId} was confirmed before ({line.Status}: {ReviewSteps.Describe(confirmed)}): nothing changed"));
        }

        if (line.Status != MatchStatus.Suggested.ToName())
        {
            throw new ReviewException(ReviewSteps.NotSuggested(line, "confirmed"));
        }

        var candidates = ReviewSteps.LineAllocations(connection, transaction, lineId, CandidateStatus);
        if (candidates.Count == 0)
        {
            throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"line {lineId} has no candidates left; allocate it by hand: review match {lineId} RECEIVABLE"));
        }

        var named = receivables is { Count: > 0 };
        var chosen = named ? ReviewSteps.Chosen(connection, transaction, lineId, candidates, receivables!) : candidates;
        var proposed = chosen.Sum(c => c.Amount);
        if (proposed > line.Amount)
        {
            var each = string.Join(", ", chosen.Select(c => $"{ReviewSteps.Name(c)} {ReviewSteps.Shown(c.Amount)}"));
            throw new ReviewException(named
                ? string.Create(CultureInfo.InvariantCulture, $"the receivables named for line {lineId} are proposed {each}: together {ReviewSteps.Shown(proposed)}, more than the line's {ReviewSteps.Shown(line.Amount)}; name fewer, or give amounts with review match")
                : string.Create(CultureInfo.InvariantCulture, $"the candidates of line {lineId} are alternatives ({each}: together {ReviewSteps.Shown(proposed)}, more than the line's {ReviewSteps.Shown(line.Amount)}); name the one that is right: review confirm {lineId} {chosen[0].ContractNo}"));
        }

        ReviewSteps.Claim(connection, transaction, line, now);
        foreach (var candidate in chosen)
        {
            ReviewSteps.Currency(line, candidate.Currency, ReviewSteps.Name(candidate));
            ReviewSteps.Take(connection, transaction, candidate.ReceivableId, ReviewSteps.Name(candidate), candidate.Amount, now);
        }

        connection.Execute(
            "UPDATE allocation SET status = @Confirmed, created_by = @By, created_at = @Now WHERE id = @Id",
            chosen.Select(c => new { Confirmed = ConfirmedStatus, By = by, Now = now, c.Id }),
            transaction);
        connection.Execute(
            "UPDATE allocation SET status = @Rejected, ended_at = @Now WHERE line_id = @Line AND status = @Candidate",
            new { Rejected = RejectedStatus, Now = now, Line = lineId, Candidate = CandidateStatus },
            transaction);
        var applied = ReviewSteps.Allocations(connection, transaction, lineId, chosen.Select(c => c.Id));
        var status = ReviewSteps.Settled(applied);
        var learned = ReviewSteps.Learn(connection, transaction, line, applied.Select(a => a.CustomerId), by, now);
        var left = line.Amount - proposed;
        var explanation = $"confirmed by {by}: {ReviewSteps.Describe(applied)}{ReviewSteps.Unallocated(left)}{ReviewSteps.Noted(note)}";
        ReviewSteps.Decide(connection, transaction, lineId, status, ConfirmedByReviewerRule, 1, left, explanation, now);
        ReviewSteps.AfterDecision(connection, transaction, lineId, openAmountsChanged: true, now);
        Audit(connection, transaction, by, "confirm", "statement_line", ReviewSteps.Id(lineId), ReviewSteps.State(line.Status, candidates: candidates), ReviewSteps.State(status, applied, learned: learned), note);
        transaction.Commit();
        return new ReviewOutcome(lineId, true, status, explanation) { Allocations = [.. applied.Select(a => a.ToReview())], Learned = learned };
    }

    /// <summary>
    /// Rejects a suggested line's candidates: the line becomes <c>unmatched</c> with rule
    /// <see cref="RejectedByReviewerRule"/> and automatic runs leave it alone. Rejecting it again changes nothing.
    /// </summary>
    /// <exception cref="ReviewException">Unknown line or a line not suggested; nothing was saved.</exception>
    /// <exception cref="LedgerConflictException">A run or another reviewer changed the line while this ran; nothing was saved.</exception>
    public ReviewOutcome Reject(long lineId, string by, string? note)
    {
        ReviewSteps.Reviewer(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var line = ReviewSteps.ReadLine(connection, transaction, lineId);
        if (line.Status == MatchStatus.Unmatched.ToName() && line.Rule == RejectedByReviewerRule)
        {
            transaction.Commit();
            return new ReviewOutcome(lineId, false, line.Status, string.Create(CultureInfo.InvariantCulture, $"line {lineId} was rejected before: nothing changed"));
        }

        if (line.Status != MatchStatus.Suggested.ToName())
        {
            throw new ReviewException(ReviewSteps.NotSuggested(line, "rejected"));
        }

        var candidates = ReviewSteps.LineAllocations(connection, transaction, lineId, CandidateStatus);
        ReviewSteps.Claim(connection, transaction, line, now);
        connection.Execute(
            "UPDATE allocation SET status = @Rejected, ended_at = @Now WHERE line_id = @Line AND status = @Candidate",
            new { Rejected = RejectedStatus, Now = now, Line = lineId, Candidate = CandidateStatus },
            transaction);
        var status = MatchStatus.Unmatched.ToName();
        var turnedDown = candidates.Count == 0 ? "no candidates" : string.Join(", ", candidates.Select(ReviewSteps.Name));
        var explanation = $"candidates rejected by {by}: {turnedDown}{ReviewSteps.Noted(note)}; left out of automatic runs, allocate by hand with review match";
        ReviewSteps.Decide(connection, transaction, lineId, status, RejectedByReviewerRule, 0, 0, explanation, now);
        ReviewSteps.AfterDecision(connection, transaction, lineId, openAmountsChanged: false, now);
        Audit(connection, transaction, by, "reject", "statement_line", ReviewSteps.Id(lineId), ReviewSteps.State(line.Status, candidates: candidates), ReviewSteps.State(status), note);
        transaction.Commit();
        return new ReviewOutcome(lineId, true, status, explanation);
    }

    /// <summary>
    /// Allocates a line by hand: each receivable gets the amount given, or what the line has left or what is
    /// open, whichever is less. The line's allocations never add up to more than the line, nor any receivable's
    /// to more than its open amount. Candidates of a suggested line are rejected; the payer ⇄ customer link is
    /// learned. Works on a line left unmatched or suggested, or on one allocated in part. Asking again for what a
    /// person matched the line to before (each receivable named allocated to it by hand, with the amount given; one
    /// named without an amount when the line has nothing left or it has nothing open) changes nothing: the outcome
    /// says so (<see cref="ReviewOutcome.Changed"/> false); to change an allocation, undo it first.
    /// </summary>
    /// <exception cref="ReviewException">Unknown line or receivable, a line that is not money in or is allocated in full, a currency that differs, or an amount too large; nothing was saved.</exception>
    /// <exception cref="LedgerConflictException">A run or another reviewer changed the line or a receivable while this ran; nothing was saved.</exception>
    public ReviewOutcome Match(long lineId, IReadOnlyList<ManualAllocation> allocations, string by, string? note)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        ReviewSteps.Reviewer(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var line = ReviewSteps.ReadLine(connection, transaction, lineId);
        if (allocations.Count == 0)
        {
            throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"name at least one receivable to match line {lineId} to"));
        }

        if (line.Rule == MatchedByReviewerRule && ReviewSteps.RepeatedMatch(connection, transaction, line, allocations) is { } matched)
        {
            transaction.Commit();
            return new ReviewOutcome(lineId, false, line.Status, string.Create(CultureInfo.InvariantCulture, $"line {lineId} was matched before ({line.Status}: {ReviewSteps.Describe(matched)}): nothing changed"));
        }

        if (line.Status == MatchStatus.Duplicate.ToName() || line.Status == MatchStatus.Ignored.ToName() || line.Neutral || line.Amount <= 0)
        {
            throw new ReviewException(ReviewSteps.NothingToAllocate(line));
        }

        var before = ReviewSteps.Applied(connection, transaction, lineId);
        var candidates = ReviewSteps.LineAllocations(connection, transaction, lineId, CandidateStatus);
        var left = line.Amount - ReviewSteps.Paid(before);
        if (left <= 0)
        {
            throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"line {lineId} is allocated in full ({ReviewSteps.Describe(before)}); undo that first: review unmatch {lineId}"));
        }

        ReviewSteps.Claim(connection, transaction, line, now);
        var made = new List<long>();
        var inserted = new List<long>();
        foreach (var wanted in allocations)
        {
            var receivable = ReviewSteps.Resolve(connection, transaction, wanted.Receivable);
            var name = ReviewSteps.Name(receivable);
            if (made.Contains(receivable.Id))
            {
                throw new ReviewException($"{name} is named twice; give it once, with the whole amount");
            }

            ReviewSteps.Currency(line, receivable.Currency, name);
            if (left == 0)
            {
                throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"line {lineId} ({ReviewSteps.Shown(line.Amount)}) has nothing left for {name} after the receivables named before it"));
            }

            if (receivable.OpenAmount == 0)
            {
                throw new ReviewException($"{name} has nothing open (it is {receivable.Status})");
            }

            var units = wanted.Amount is { } amount ? ReviewSteps.Units(amount, name) : Math.Min(left, receivable.OpenAmount);
            if (units > left)
            {
                throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"{ReviewSteps.Shown(units)} for {name} is more than line {lineId} has left to allocate: {ReviewSteps.Shown(left)} of {ReviewSteps.Shown(line.Amount)}"));
            }

            ReviewSteps.Take(connection, transaction, receivable.Id, name, units, now);
            inserted.Add(connection.ExecuteScalar<long>(
                _dialect.InsertReturningId(
                    "allocation",
                    "line_id, receivable_id, amount, status, match_rule, confidence, created_by, created_at",
                    "@Line, @Receivable, @Amount, @Confirmed, @Rule, 1, @By, @Now"),
                new { Line = lineId, Receivable = receivable.Id, Amount = units, Confirmed = ConfirmedStatus, Rule = ManualRule, By = by, Now = now },
                transaction));
            made.Add(receivable.Id);
            left -= units;
        }

        connection.Execute(
            "UPDATE allocation SET status = @Rejected, ended_at = @Now WHERE line_id = @Line AND status = @Candidate",
            new { Rejected = RejectedStatus, Now = now, Line = lineId, Candidate = CandidateStatus },
            transaction);
        var after = ReviewSteps.Applied(connection, transaction, lineId);
        var applied = ReviewSteps.Allocations(connection, transaction, lineId, inserted);
        var status = ReviewSteps.Settled(after);
        var learned = ReviewSteps.Learn(connection, transaction, line, applied.Select(a => a.CustomerId), by, now);
        var explanation = $"matched by {by}: {ReviewSteps.Describe(applied)}{ReviewSteps.Unallocated(left)}{ReviewSteps.Noted(note)}";
        ReviewSteps.Decide(connection, transaction, lineId, status, MatchedByReviewerRule, 1, left, explanation, now);
        ReviewSteps.AfterDecision(connection, transaction, lineId, openAmountsChanged: true, now);
        Audit(connection, transaction, by, "match", "statement_line", ReviewSteps.Id(lineId), ReviewSteps.State(line.Status, before, candidates), ReviewSteps.State(status, after, learned: learned), note);
        transaction.Commit();
        return new ReviewOutcome(lineId, true, status, explanation) { Allocations = [.. applied.Select(a => a.ToReview())], Learned = learned };
    }

    /// <summary>
    /// Undoes a line's allocations (every one applied: automatic, confirmed, a settled tolerance difference): each is
    /// kept as <c>rejected</c> with the time it ended, its amount goes back to the receivable's open amount, links learned from the line are forgotten
    /// (unless another confirmation teaches them too), and the line becomes <c>unmatched</c> with rule
    /// <see cref="UnmatchedByReviewerRule"/>, left out of automatic runs. A line with no allocations is left as
    /// it is: nothing changes, and the outcome says so.
    /// </summary>
    /// <exception cref="ReviewException">Unknown line; nothing was saved.</exception>
    /// <exception cref="LedgerConflictException">A run or another reviewer changed the line while this ran; nothing was saved.</exception>
    public ReviewOutcome Unmatch(long lineId, string by, string? note)
    {
        ReviewSteps.Reviewer(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var line = ReviewSteps.ReadLine(connection, transaction, lineId);
        var before = ReviewSteps.Applied(connection, transaction, lineId);
        if (before.Count == 0)
        {
            transaction.Commit();
            var hint = line.Status == MatchStatus.Suggested.ToName() ? string.Create(CultureInfo.InvariantCulture, $" (to turn its candidates down: review reject {lineId})") : "";
            return new ReviewOutcome(lineId, false, line.Status, string.Create(CultureInfo.InvariantCulture, $"line {lineId} is {(line.Status == MatchStatus.Unmatched.ToName() ? "already unmatched" : line.Status)} with no allocations: nothing to undo, nothing changed{hint}"));
        }

        ReviewSteps.Claim(connection, transaction, line, now);
        foreach (var allocation in before)
        {
            var ended = connection.Execute(
                "UPDATE allocation SET status = @Rejected, ended_at = @Now WHERE id = @Id AND status = @Status",
                new { Rejected = RejectedStatus, Now = now, allocation.Id, allocation.Status },
                transaction);
            if (ended != 1)
            {
                throw new LedgerConflictException(string.Create(CultureInfo.InvariantCulture, $"line {lineId} changed while this ran; nothing was saved: look at it again"));
            }

            ReviewSteps.GiveBack(connection, transaction, allocation.ReceivableId, ReviewSteps.Name(allocation), allocation.Amount, now);
        }

        var noLongerOver = ReviewSteps.ResolveLoweredNoLongerOver(connection, transaction, lineId, before.Select(a => a.ReceivableId), now);
        var forgotten = ReviewSteps.Forget(connection, transaction, lineId);
        var undone = ReviewSteps.Allocations(connection, transaction, lineId, before.Select(a => a.Id))
            .ConvertAll(a => a with { Status = before.Find(b => b.Id == a.Id)!.Status }); // as they were applied, with the open amounts now
        var status = MatchStatus.Unmatched.ToName();
        var explanation = $"allocations undone by {by}: {ReviewSteps.Describe(undone, back: true)}{ReviewSteps.Noted(note)}; left out of automatic runs, allocate by hand with review match"
            + string.Concat(noLongerOver.Select(o => string.Create(CultureInfo.InvariantCulture, $"; contract {o.ContractNo} is no longer paid beyond its source's amount: the over-payment exception on line {o.LineId} is resolved")));
        ReviewSteps.Decide(connection, transaction, lineId, status, UnmatchedByReviewerRule, 0, 0, explanation, now);
        ReviewSteps.AfterDecision(connection, transaction, lineId, openAmountsChanged: true, now);
        Audit(connection, transaction, by, "unmatch", "statement_line", ReviewSteps.Id(lineId), ReviewSteps.State(line.Status, before), ReviewSteps.State(status, forgotten: forgotten), note);
        transaction.Commit();
        return new ReviewOutcome(lineId, true, status, explanation) { Allocations = [.. undone.Select(a => a.ToReview())], Forgotten = forgotten };
    }
}
