using System.Runtime.InteropServices;
using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>The two exports: lines by date, bank references, rows, and the right answers.</summary>
internal sealed partial class SyntheticRun
{
    private SyntheticDataSet Write(Receivable[] receivables)
    {
        var planned = CollectionsMarshal.AsSpan(_lines);
        var days = new int[planned.Length];
        for (var i = 0; i < days.Length; i++)
        {
            days[i] = planned[i].Day;
        }

        // By date; within a day in random order (the bank's own order), which the bank references then follow.
        var order = ByDay(days, _period);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && days[order[end]] == days[order[start]])
            {
                end++;
            }

            _random.Shuffle(order.AsSpan(start, end - start));
            start = end;
        }

        // Lines are in date order, so export A is a prefix of them and export B a suffix.
        var aEnd = (int)Math.Round(_period * _options.ExportAShare);
        var bStart = Math.Min(aEnd, _period - (int)Math.Round(_period * _options.ExportBShare));
        var countA = 0;
        while (countA < order.Length && days[order[countA]] < aEnd)
        {
            countA++;
        }

        var firstB = countA;
        while (firstB > 0 && days[order[firstB - 1]] >= bStart)
        {
            firstB--;
        }

        // The bank's running number per day, drawn in file order; then the lines themselves, on several threads.
        var counters = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            counters[k] = k == 0 || days[order[k]] != days[order[k - 1]]
                ? 1 + _random.Next(40)
                : counters[k - 1] + 1 + (_random.Next(4) == 0 ? 1 + _random.Next(5) : 0);
        }

        var linesA = new StatementLine[countA];
        var linesB = new StatementLine[order.Length - firstB];
        var truth = new GroundTruth[linesA.Length + linesB.Length];
        var lines = _lines;
        Parallel.For(0, (order.Length + ChunkSize - 1) / ChunkSize, chunk =>
        {
            var end = Math.Min(order.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var line = lines[order[k]];
                var date = _options.Start.AddDays(line.Day);
                var (payerName, payerAccount) = Payer(line);
                var bankRef = BankRef(date, counters[k]);
                var amount = Money(line.Debit ? -line.Cents : line.Cents);
                StatementLine? inA = null;
                if (k < countA)
                {
                    inA = new StatementLine(SyntheticGenerator.StatementA, k + 2, bankRef, date, amount, line.Currency, payerName, payerAccount, line.Memo);
                    linesA[k] = inA;
                    truth[k] = new GroundTruth(SyntheticGenerator.StatementA, k + 2, line.Case, line.Status, line.Contracts);
                }

                if (k >= firstB)
                {
                    var row = k - firstB + 2;
                    linesB[k - firstB] = inA is null
                        ? new StatementLine(SyntheticGenerator.StatementB, row, bankRef, date, amount, line.Currency, payerName, payerAccount, line.Memo)
                        : inA with { File = SyntheticGenerator.StatementB, Row = row };
                    truth[countA + k - firstB] = inA is null
                        ? new GroundTruth(SyntheticGenerator.StatementB, row, line.Case, line.Status, line.Contracts)
                        : new GroundTruth(SyntheticGenerator.StatementB, row, SyntheticCase.Overlap, MatchStatus.Duplicate, []);
                }
            }
        });

        return new SyntheticDataSet(
            receivables,
            [new SyntheticStatement(SyntheticGenerator.StatementA, linesA), new SyntheticStatement(SyntheticGenerator.StatementB, linesB)],
            truth);
    }

    private (string Name, string Account) Payer(PlannedLine line)
    {
        if (line.Payer >= 0)
        {
            var customer = _customers[line.Payer];
            return (line.BankSpelling ? customer.BankName : customer.Name, customer.Account);
        }

        var party = _counterparties[~line.Payer];
        return (party.Name, party.Account);
    }

    /// <summary><c>B2603110004512</c>: <c>B</c>, the date as yyMMdd, the bank's running number of the day.</summary>
    private static string BankRef(DateOnly date, int counter) => string.Create(14, (date, counter), static (span, state) =>
    {
        span[0] = 'B';
        Digits(span.Slice(1, 2), state.date.Year % 100);
        Digits(span.Slice(3, 2), state.date.Month);
        Digits(span.Slice(5, 2), state.date.Day);
        Digits(span.Slice(7, 7), state.counter);
    });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
