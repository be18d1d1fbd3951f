using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>
/// One generation: customers and receivables, contract numbers in issue order, a plan of situations per
/// customer, the lines they make, and the two exports. All randomness comes from one seeded
/// <see cref="Random"/>, consumed in a fixed order.
/// </summary>
internal sealed partial class SyntheticRun
{
    private const long MinCents = 800_00;
    private const long MaxCents = 250_000_00;
    private const int ChunkSize = 16_384;

    private static readonly int[] Terms = [30, 30, 30, 45, 45, 60, 60, 60, 60, 90];
    private static readonly double[] FormatWeights = [0.35, 0.25, 0.25, 0.15];

    private readonly SyntheticOptions _options;
    private readonly Random _random;
    private readonly int _period;
    private readonly int _count;
    private readonly ContractNumbers _numbers;
    private readonly NameBook _names;
    private readonly List<SyntheticCustomer> _customers;

    // Receivables by generation index: customer by customer, issue date ascending within a customer.
    private readonly long[] _cents;
    private readonly int[] _issueDay;
    private readonly int[] _dueDay;
    private readonly byte[] _format;
    private readonly string[] _contractNo;
    private readonly int[] _customerOf;

    private readonly List<PlannedLine> _lines;

    public SyntheticRun(SyntheticOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _period = options.PeriodDays;
        _count = options.Receivables;
        _numbers = new ContractNumbers(_random, _count);
        _names = new NameBook(_random);
        _customers = new List<SyntheticCustomer>((_count / options.ReceivablesPerCustomer) + 1);
        _cents = new long[_count];
        _issueDay = new int[_count];
        _dueDay = new int[_count];
        _format = new byte[_count];
        _contractNo = new string[_count];
        _customerOf = new int[_count];
        _lines = new List<PlannedLine>((int)(_count * 0.9) + 1_024); // about 0.85 lines per receivable by default
        _cumulative = CaseWeights(options.CaseShares);
    }

    public SyntheticDataSet Run()
    {
        CreateCustomers();
        var issueOrder = AssignContractNumbers();
        for (var c = 0; c < _customers.Count; c++)
        {
            Plan(c);
        }

        AddNonCustomerLines();
        var receivables = BuildReceivables(issueOrder);
        return Write(receivables);
    }

    /// <summary>The receivables in issue-date order. Construction is pure (each normalises its key), so it runs on several threads.</summary>
    private Receivable[] BuildReceivables(int[] issueOrder)
    {
        var receivables = new Receivable[_count];
        Parallel.For(0, (_count + ChunkSize - 1) / ChunkSize, chunk =>
        {
            var end = Math.Min(_count, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < end; i++)
            {
                var r = issueOrder[i];
                var customer = _customers[_customerOf[r]];
                receivables[i] = new Receivable(
                    _contractNo[r], customer.Id, customer.Name, Money(_cents[r]), customer.Currency,
                    _options.Start.AddDays(_issueDay[r]), _options.Start.AddDays(_dueDay[r]), customer.SalesOwner);
            }
        });
        return receivables;
    }

    /// <summary>An amount in cents as money with two decimals.</summary>
    private static decimal Money(long cents)
    {
        var magnitude = (ulong)Math.Abs(cents);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, cents < 0, 2);
    }

    private void CreateCustomers()
    {
        var average = _options.ReceivablesPerCustomer;
        var expected = Math.Max(1, _count / average);
        if (expected > NameBook.Capacity)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{_count:N0} receivables at {average} per customer need more customer names than the {NameBook.Capacity:N0} available; raise ReceivablesPerCustomer."));
        }

        var owners = _names.SalesOwners(Math.Clamp(expected / 40, 5, 400));
        var width = expected < 900_000 ? "D6" : "D7";
        var r = 0;
        while (r < _count)
        {
            var count = Math.Min(2 + _random.Next((2 * (average - 2)) + 1), _count - r);
            if (_count - r - count == 1)
            {
                count++; // no customer with a single receivable left at the end
            }

            var number = _customers.Count + 1;
            var foreign = _random.NextDouble() < _options.ForeignCurrencyShare;
            var currency = !foreign ? "CNY" : _random.Next(3) == 0 ? "EUR" : "USD";
            var (name, bankName) = _names.NextCustomer(english: foreign || _random.Next(4) == 0);
            _customers.Add(new SyntheticCustomer(
                "C" + number.ToString(width, CultureInfo.InvariantCulture), name, bankName, _names.Account(number, foreign),
                currency, owners[_random.Next(owners.Length)], r, count));

            for (var i = r; i < r + count; i++)
            {
                _issueDay[i] = _random.Next(_period - 1);
            }

            Array.Sort(_issueDay, r, count);
            for (var i = r; i < r + count; i++)
            {
                _dueDay[i] = _issueDay[i] + Terms[_random.Next(Terms.Length)];
                _cents[i] = RandomAmount();
                _format[i] = DrawFormat();
            }

            r += count;
        }

        for (var c = 0; c < _customers.Count; c++)
        {
            Array.Fill(_customerOf, c, _customers[c].First, _customers[c].Count);
        }
    }

    /// <summary>Numbers every receivable in issue-date order (serials grow with the date); returns that order.</summary>
    private int[] AssignContractNumbers()
    {
        var order = ByDay(_issueDay, _period);
        foreach (var r in order)
        {
            var issue = _options.Start.AddDays(_issueDay[r]);
            string? number = null;
            for (var f = 0; number is null && f < ContractNumbers.FormatCount; f++)
            {
                number = _numbers.TryIssue((_format[r] + f) % ContractNumbers.FormatCount, issue);
            }

            _contractNo[r] = number ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No contract number left for {issue:yyyy-MM-dd}; generate fewer receivables or a longer period."));
        }

        return order;
    }

    /// <summary>Indices 0…n-1 ordered by day (a stable counting sort).</summary>
    private static int[] ByDay(int[] days, int period)
    {
        var starts = new int[period + 1];
        foreach (var day in days)
        {
            starts[day + 1]++;
        }

        for (var d = 1; d <= period; d++)
        {
            starts[d] += starts[d - 1];
        }

        var order = new int[days.Length];
        for (var i = 0; i < days.Length; i++)
        {
            order[starts[days[i]]++] = i;
        }

        return order;
    }

    /// <summary>800.00 to 250,000.00, spread evenly on a log scale; many round to hundreds or tens.</summary>
    private long RandomAmount()
    {
        var cents = (long)Math.Round(MinCents * Math.Exp(_random.NextDouble() * Math.Log((double)MaxCents / MinCents)));
        var roll = _random.Next(20);
        var unit = roll < 7 ? 100_00 : roll < 12 ? 10_00 : 1;
        return Math.Clamp((cents + (unit / 2)) / unit * unit, MinCents, MaxCents);
    }

    private byte DrawFormat()
    {
        var roll = _random.NextDouble();
        for (byte f = 0; f < FormatWeights.Length - 1; f++)
        {
            roll -= FormatWeights[f];
            if (roll < 0)
            {
                return f;
            }
        }

        return (byte)(FormatWeights.Length - 1);
    }
}
