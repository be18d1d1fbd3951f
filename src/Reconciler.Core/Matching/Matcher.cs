using System.Collections.Concurrent;
using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The matching engine: a function of the lines, the receivable index and the options. The same inputs in any
/// order give the same results.
/// </summary>
/// <remarks>
/// <para>Phase 1 (parallel): duplicates and debits are set aside; every other line's memo is scanned once for
/// contract keys, near-miss keys and its payer, and a line with a contract key is decided against the opening
/// balances.</para>
/// <para>Phase 2: allocations are applied in a fixed order — tier, then confidence, then date, then bank reference,
/// file and row — and a line whose receivables were changed by an earlier line is decided again against what is
/// left open, so no receivable is ever allocated beyond its open amount. Lines that allocate to receivables no other
/// line claims cannot be affected by the order and are applied first, on all cores; the contested ones, and the
/// lines with references that did not allocate in phase 1, are then taken one at a time in that order. Lines
/// without a contract key (typos, payers) never allocate: they are decided once, in parallel, against the final
/// balances.</para>
/// </remarks>
public static class Matcher
{
    private const int ChunkSize = 4096;

    /// <summary>Matches every line against the index; one result per line, in input order.</summary>
    public static MatchRun Match(IReadOnlyList<StatementLine> lines, ReceivableIndex index, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid matching options: " + string.Join(" ", problems), nameof(options));
        }

        var open = new decimal[index.Receivables.Count];
        index.CopyOpeningAmounts(open);

        var explainer = new MatchExplainer(options);
        var results = new MatchResults(lines, index.ReceivableArray, explainer);
        var facts = new LineFacts[lines.Count];
        var duplicateOf = DuplicateFinder.Find(lines);

        // Phase 1: inspect and decide every line against the opening balances, a batch of lines at a time so that their
        // look-ups are read ahead together (LineEvaluator.Prepare).
        InParallelBatches(lines.Count, index, options, explainer, (evaluator, start, end) =>
        {
            Span<int> batch = stackalloc int[LineEvaluator.BatchSize];
            var count = 0;
            for (var i = start; i < end; i++)
            {
                var line = lines[i];
                if (duplicateOf[i] >= 0)
                {
                    results.SetDuplicate(i, duplicateOf[i]);
                }
                else if (line.Amount <= 0 || line.Neutral)
                {
                    results.SetIgnored(i);
                }
                else
                {
                    batch[count++] = i;
                }
            }

            evaluator.Prepare(lines, batch[..count], open);
            for (var k = 0; k < count; k++)
            {
                var i = batch[k];
                facts[i] = evaluator.Inspect(lines[i], k);
                if (facts[i].References.Length > 0 || !facts[i].Found)
                {
                    evaluator.Decide(lines[i], facts[i], open, results, i);
                }
            }
        });

        // Phase 2: apply allocations in a fixed order, re-deciding lines whose receivables changed.
        Allocate(lines, index, options, explainer, results, facts, open);
        return new MatchRun(results, open);
    }

    private static void Allocate(IReadOnlyList<StatementLine> lines, ReceivableIndex index, MatchingOptions options, MatchExplainer explainer, MatchResults results, LineFacts[] facts, decimal[] open)
    {
        // Both passes run in chunks on all cores; each chunk keeps its own lists, joined in chunk order, so the lists are
        // the ones a loop over the lines in input order gives.
        var claims = new int[open.Length];
        var allocating = new List<int>();
        var others = new List<int>();
        InChunks(results.Count, (start, end) =>
        {
            var (mine, rest) = (new List<int>(), new List<int>());
            for (var i = start; i < end; i++)
            {
                if (!facts[i].Inspected)
                {
                    continue; // duplicate or ignored
                }

                if (facts[i].Found && facts[i].References.Length == 0)
                {
                    rest.Add(i); // decided after the allocations
                }
                else if (results.Status(i) is MatchStatus.Matched or MatchStatus.Partial)
                {
                    mine.Add(i);
                    foreach (var r in facts[i].References)
                    {
                        Interlocked.Increment(ref claims[r]);
                    }
                }
                else if (facts[i].Found)
                {
                    rest.Add(i);
                }
            }

            return (mine, rest);
        }, chunk =>
        {
            allocating.AddRange(chunk.mine);
            others.AddRange(chunk.rest);
        });

        // A line that alone claims each of its receivables is applied at once: no other line can change what it finds
        // open, and no two such lines write the same receivable. Several lines may mark one customer touched (all
        // write true).
        var contested = new List<int>();
        var touchedReceivable = new bool[open.Length];
        var touchedCustomer = new bool[index.CustomerCount];
        InChunks(allocating.Count, (start, end) =>
        {
            var mine = new List<int>();
            for (var k = start; k < end; k++)
            {
                var i = allocating[k];
                if (OnlyClaimant(facts[i].References, claims))
                {
                    Apply(results, i, facts[i], index, open, touchedReceivable, touchedCustomer);
                }
                else
                {
                    mine.Add(i);
                }
            }

            return mine;
        }, contested.AddRange);

        var evaluator = new LineEvaluator(index, options, explainer);
        // Only a line with references can allocate, so only those need the fixed order; lines without one
        // (typos, payers) are decided again afterwards, in parallel, against the final balances.
        var referenced = others.Where(i => facts[i].References.Length > 0).ToList();
        var order = new LineOrder(lines, results);
        order.Sort(contested);
        order.Sort(referenced);
        foreach (var i in contested.Concat(referenced))
        {
            if (Touched(facts[i], touchedReceivable, touchedCustomer))
            {
                evaluator.Decide(lines[i], facts[i], open, results, i);
            }

            Apply(results, i, facts[i], index, open, touchedReceivable, touchedCustomer);
        }

        // A line without references was not decided in phase 1: deciding it against the opening balances and again
        // here whenever its receivables were touched gives the same result as deciding it once, here.
        var unreferenced = others.Where(i => facts[i].References.Length == 0).ToArray();
        InParallel(unreferenced.Length, index, options, explainer, (evaluator, k) =>
        {
            var i = unreferenced[k];
            evaluator.Decide(lines[i], facts[i], open, results, i);
        });
    }

    private const int PassChunk = 65_536;

    /// <summary>
    /// Runs <paramref name="pass"/> over 0..count-1 in chunks of <see cref="PassChunk"/> on all cores, then hands each
    /// chunk's result to <paramref name="join"/> in chunk order, on the calling thread.
    /// </summary>
    private static void InChunks<T>(int count, Func<int, int, T> pass, Action<T> join)
    {
        var chunks = new T[(count + PassChunk - 1) / PassChunk];
        Parallel.For(0, chunks.Length, c => chunks[c] = pass(c * PassChunk, Math.Min(count, (c + 1) * PassChunk)));
        foreach (var chunk in chunks)
        {
            join(chunk);
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 in chunks on all cores, one evaluator per worker.</summary>
    private static void InParallel(int count, ReceivableIndex index, MatchingOptions options, MatchExplainer explainer, Action<LineEvaluator, int> body) =>
        InParallelBatches(count, index, options, explainer, (evaluator, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                body(evaluator, i);
            }
        });

    /// <summary>
    /// Runs <paramref name="body"/> over 0..count-1 in chunks on all cores, one evaluator per worker, handing it
    /// <see cref="LineEvaluator.BatchSize"/> lines at a time (start, end).
    /// </summary>
    private static void InParallelBatches(int count, ReceivableIndex index, MatchingOptions options, MatchExplainer explainer, Action<LineEvaluator, int, int> body)
    {
        if (count == 0)
        {
            return;
        }

        Parallel.ForEach(
            Partitioner.Create(0, count, ChunkSize),
            () => new LineEvaluator(index, options, explainer),
            (range, _, evaluator) =>
            {
                for (var start = range.Item1; start < range.Item2; start += LineEvaluator.BatchSize)
                {
                    body(evaluator, start, Math.Min(range.Item2, start + LineEvaluator.BatchSize));
                }

                return evaluator;
            },
            _ => { });
    }

    private static bool OnlyClaimant(ReadOnlySpan<int> references, int[] claims)
    {
        foreach (var r in references)
        {
            if (claims[r] != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Touched(LineFacts facts, bool[] touchedReceivable, bool[] touchedCustomer)
    {
        foreach (var r in facts.References)
        {
            if (touchedReceivable[r])
            {
                return true;
            }
        }

        foreach (var r in facts.Typos)
        {
            if (touchedReceivable[r])
            {
                return true;
            }
        }

        foreach (var c in facts.Customers)
        {
            if (touchedCustomer[c])
            {
                return true;
            }
        }

        return false;
    }

    // Allocations only ever come from the referenced tier, so each allocated receivable is one of the references.
    private static void Apply(MatchResults results, int line, LineFacts facts, ReceivableIndex index, decimal[] open, bool[] touchedReceivable, bool[] touchedCustomer)
    {
        if (results.IsMatchedToOne(line, out var matched))
        {
            open[matched] = 0;
            touchedReceivable[matched] = true;
            touchedCustomer[index.CustomerOf(matched)] = true;
            return;
        }

        if (results.Kept(line) is not { Status: MatchStatus.Matched or MatchStatus.Partial } result)
        {
            return;
        }

        var allocations = result.Allocations;
        for (var k = 0; k < allocations.Count; k++) // not foreach: over an interface it boxes the array's enumerator
        {
            var allocation = allocations[k];
            var r = -1;
            foreach (var candidate in facts.References)
            {
                if (ReferenceEquals(index.ReceivableArray[candidate], allocation.Receivable))
                {
                    r = candidate;
                    break;
                }
            }

            open[r] = result.Status == MatchStatus.Matched ? 0 : open[r] - allocation.Amount;
            touchedReceivable[r] = true;
            touchedCustomer[index.CustomerOf(r)] = true;
        }
    }

    internal static MatchResult Duplicate(StatementLine line, StatementLine original, MatchExplainer explainer) => new()
    {
        Line = line,
        Status = MatchStatus.Duplicate,
        Confidence = 1,
        Rule = "duplicate-line",
        ExplainedBy = explainer, // DuplicateExplanation(original), when read
        DuplicateOf = original,
    };

    /// <summary>The sentence of a <c>duplicate</c> result: which line it repeats, by bank reference or date and amount.</summary>
    public static string DuplicateExplanation(StatementLine original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Span<char> sentence = stackalloc char[256];
        if (TryWriteDuplicate(original, sentence, out var written))
        {
            return new string(sentence[..written]);
        }

        // A long file name or bank reference: room for both, and for the longest row number, date and amount.
        var larger = new char[original.File.Length + original.BankRef.Length + 160];
        return TryWriteDuplicate(original, larger, out written)
            ? new string(larger, 0, written)
            : throw new InvalidOperationException($"The sentence of a duplicate of {original.File} row {original.Row} did not fit in {larger.Length} characters.");
    }

    /// <summary>Writes <see cref="DuplicateExplanation"/> into <paramref name="destination"/>; false when it does not fit.</summary>
    internal static bool TryWriteDuplicate(StatementLine original, Span<char> destination, out int written) =>
        original.BankRef.Length > 0
            ? destination.TryWrite(null, $"same bank line as {original.File} row {original.Row} (bank ref {original.BankRef})", out written)
            : destination.TryWrite(null, $"same bank line as {original.File} row {original.Row} ({new DateText(original.Date)}, {new MoneyText(original.Amount)})", out written);

    internal static MatchResult Ignored(StatementLine line, MatchExplainer explainer) => new()
    {
        Line = line,
        Status = MatchStatus.Ignored,
        Confidence = 1,
        Rule = line.NotBooked is not null ? "not-booked" : line.Neutral ? "neutral" : line.Amount < 0 ? "debit" : "zero-amount",
        ExplainedBy = explainer, // neither money in nor out, a debit, or a zero amount, when read
    };
}
