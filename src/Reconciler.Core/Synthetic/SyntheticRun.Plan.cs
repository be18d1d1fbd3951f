namespace Reconciler.Synthetic;

/// <summary>
/// Planning per customer: which receivables stay unpaid, which situation each paid one belongs to (each to
/// exactly one), and the payments, such that every right answer is unambiguous.
/// </summary>
internal sealed partial class SyntheticRun
{
    private const int Free = -1;
    private const int Unpaid = -2;
    private const int CaseCount = (int)SyntheticCase.Overlap + 1;

    /// <summary>Cumulative probability, per case, that a paid receivable starts a situation of that case.</summary>
    private readonly double[] _cumulative;

    /// <summary>Situations drawn but not possible where drawn (no partner, no room in the period), owed later.</summary>
    private readonly int[] _debt = new int[CaseCount];
    private int _debtTotal;

    // The customer being planned.
    private readonly List<PlannedEvent> _events = [];
    private readonly List<int> _eventReceivables = [];
    private readonly List<PlannedPayment> _payments = [];
    private int[] _eventOf = new int[64];
    private int _first;
    private int _local;

    private static bool IsReceivableCase(SyntheticCase c) => c is not (SyntheticCase.UnrelatedIncome or SyntheticCase.Debit or SyntheticCase.Overlap);

    /// <summary>Turns line shares into per-situation probabilities: an installment situation makes 2.5 lines on average.</summary>
    private static double[] CaseWeights(IReadOnlyDictionary<SyntheticCase, double> shares)
    {
        var cumulative = new double[CaseCount];
        var total = 0.0;
        for (var c = 0; c < CaseCount; c++)
        {
            var @case = (SyntheticCase)c;
            if (IsReceivableCase(@case))
            {
                total += shares.GetValueOrDefault(@case) / (@case == SyntheticCase.Installment ? 2.5 : 1.0);
            }

            cumulative[c] = total;
        }

        for (var c = 0; c < CaseCount; c++)
        {
            cumulative[c] = total > 0 ? cumulative[c] / total : 0;
        }

        return cumulative;
    }

    private void Plan(int customer)
    {
        var info = _customers[customer];
        _first = info.First;
        _local = info.Count;
        if (_eventOf.Length < _local)
        {
            _eventOf = new int[Math.Max(_local, _eventOf.Length * 2)];
        }

        _events.Clear();
        _eventReceivables.Clear();
        _payments.Clear();
        var anyCase = _cumulative[^1] > 0;
        for (var j = 0; j < _local; j++)
        {
            _eventOf[j] = !anyCase || _random.NextDouble() < _options.UnpaidShare ? Unpaid : Free;
        }

        for (var j = 0; j < _local; j++)
        {
            if (_eventOf[j] != Free)
            {
                continue;
            }

            var drawn = DrawCase();
            if (drawn == SyntheticCase.Exact && _debtTotal > 0 && PayDebt(j))
            {
                continue;
            }

            if (!TryPlan(drawn, j))
            {
                AddDebt(drawn);
                TryPlan(SyntheticCase.Exact, j);
            }
        }

        ResolveNoReference();
        Emit(customer);
    }

    private SyntheticCase DrawCase()
    {
        var roll = _random.NextDouble();
        for (var c = 0; c < CaseCount; c++)
        {
            if (roll < _cumulative[c] && IsReceivableCase((SyntheticCase)c))
            {
                return (SyntheticCase)c;
            }
        }

        return SyntheticCase.Exact;
    }

    private bool PayDebt(int j)
    {
        for (var c = 0; c < CaseCount; c++)
        {
            if (_debt[c] > 0 && TryPlan((SyntheticCase)c, j))
            {
                _debt[c]--;
                _debtTotal--;
                return true;
            }
        }

        return false;
    }

    private void AddDebt(SyntheticCase c)
    {
        _debt[(int)c]++;
        _debtTotal++;
    }
}
