using System.Runtime.InteropServices;
using Reconciler.Matching;

namespace Reconciler.Synthetic;

/// <summary>
/// The situations: which receivables each takes (of the customer's still free ones), on which days it pays
/// (inside the window unless the situation is about the window) and how much.
/// </summary>
internal sealed partial class SyntheticRun
{
    private bool TryPlan(SyntheticCase c, int j)
    {
        var r = _first + j;
        var cents = _cents[r];
        switch (c)
        {
            case SyntheticCase.Exact or SyntheticCase.ReferenceVariant:
                return Single(c, j, cents);
            case SyntheticCase.BankFee:
                return Single(c, j, cents - Fee(cents));
            case SyntheticCase.Typo:
                return Single(c, j, cents, Typos.Make(_contractNo[r], ContractKey.Normalize(_contractNo[r]), _numbers, _random));
            case SyntheticCase.NoReference:
                return Single(c, j, NoReferenceAmount(cents));
            case SyntheticCase.ShortPayment:
                return Single(c, j, Share(cents, 0.78, 0.95));
            case SyntheticCase.OverPayment:
                return Single(c, j, Share(cents, 1.05, 1.30));
            case SyntheticCase.OutsideWindow:
                return PlanOutsideWindow(j);
            case SyntheticCase.Installment:
                return PlanInstallments(j);
            case SyntheticCase.Combined:
                return PlanCombined(j);
            case SyntheticCase.IdenticalAmounts:
                return PlanIdentical(j);
            default:
                return false;
        }
    }

    /// <summary>The last day a payment is in the window: 20 days after the due date, within the period.</summary>
    private int LastDay(int r) => Math.Min(_dueDay[r] + 20, _period - 1);

    private int RandomDay(int from, int to) => from + _random.Next(to - from + 1);

    private bool Single(SyntheticCase c, int j, long payment, string? typo = null)
    {
        var r = _first + j;
        StartEvent(c, typo);
        AddReceivable(j);
        _payments.Add(new PlannedPayment(RandomDay(_issueDay[r], LastDay(r)), payment));
        FinishEvent();
        return true;
    }

    /// <summary>Exact amount, more than 200 days after the due date or more than 60 days before the issue date.</summary>
    private bool PlanOutsideWindow(int j)
    {
        var r = _first + j;
        var lateFrom = _dueDay[r] + 201;
        var earlyTo = _issueDay[r] - 61;
        var late = lateFrom <= _period - 1;
        var early = earlyTo >= 0;
        if (!late && !early)
        {
            return false;
        }

        var day = late && (!early || _random.Next(2) == 0)
            ? RandomDay(lateFrom, Math.Min(_period - 1, lateFrom + 200))
            : RandomDay(Math.Max(0, earlyTo - 120), earlyTo);
        StartEvent(SyntheticCase.OutsideWindow);
        AddReceivable(j);
        _payments.Add(new PlannedPayment(day, _cents[r]));
        FinishEvent();
        return true;
    }

    /// <summary>Two or three payments on different days, each 25–60% of the open amount; the last settles it.</summary>
    private bool PlanInstallments(int j)
    {
        var r = _first + j;
        var from = _issueDay[r];
        var to = LastDay(r);
        var span = to - from + 1;
        if (span < 2)
        {
            return false;
        }

        var count = span >= 3 && _random.Next(2) == 0 ? 3 : 2;
        var cents = _cents[r];
        Span<long> amounts = stackalloc long[3];
        if (count == 2)
        {
            amounts[0] = Share(cents, 0.35, 0.60);
            amounts[1] = cents - amounts[0];
        }
        else
        {
            amounts[0] = Share(cents, 0.25, 0.40);
            amounts[1] = Share(cents, 0.25, 0.40);
            amounts[2] = cents - amounts[0] - amounts[1];
        }

        StartEvent(SyntheticCase.Installment);
        AddReceivable(j);
        var needed = count;
        for (var day = from; needed > 0; day++)
        {
            // Selection sampling: distinct days, in order.
            if (_random.Next(to - day + 1) < needed)
            {
                _payments.Add(new PlannedPayment(day, amounts[count - needed]));
                needed--;
            }
        }

        FinishEvent();
        return true;
    }

    /// <summary>Two to four receivables of the customer whose windows share a day, paid at once.</summary>
    private bool PlanCombined(int j)
    {
        var target = 2 + _random.Next(3);
        Span<int> members = stackalloc int[4];
        members[0] = j;
        var count = 1;
        var from = _issueDay[_first + j];
        var to = LastDay(_first + j);
        for (var k = j + 1; k < _local && count < target && _issueDay[_first + k] <= to; k++)
        {
            if (_eventOf[k] == Free)
            {
                members[count++] = k;
                from = Math.Max(from, _issueDay[_first + k]);
                to = Math.Min(to, LastDay(_first + k));
            }
        }

        if (count < 2)
        {
            return false;
        }

        var sum = 0L;
        StartEvent(SyntheticCase.Combined);
        foreach (var k in members[..count])
        {
            AddReceivable(k);
            sum += _cents[_first + k];
        }

        _payments.Add(new PlannedPayment(RandomDay(from, to), _random.Next(10) < 3 ? sum - Fee(sum) : sum));
        FinishEvent();
        return true;
    }

    /// <summary>A second receivable of the customer gets the same amount; one payment without reference fits both.</summary>
    private bool PlanIdentical(int j)
    {
        var r = _first + j;
        for (var k = j + 1; k < _local && _issueDay[_first + k] <= LastDay(r); k++)
        {
            if (_eventOf[k] != Free)
            {
                continue;
            }

            var other = _first + k;
            _cents[other] = _cents[r];
            StartEvent(SyntheticCase.IdenticalAmounts);
            AddReceivable(j);
            AddReceivable(k);
            _payments.Add(new PlannedPayment(RandomDay(_issueDay[other], Math.Min(LastDay(r), LastDay(other))), _cents[r]));
            FinishEvent();
            return true;
        }

        return false;
    }

    private void StartEvent(SyntheticCase c, string? typo = null) => _events.Add(new PlannedEvent
    {
        Case = c,
        FirstReceivable = _eventReceivables.Count,
        FirstPayment = _payments.Count,
        Typo = typo,
    });

    private void AddReceivable(int j)
    {
        _eventOf[j] = _events.Count - 1;
        _eventReceivables.Add(_first + j);
    }

    private void FinishEvent()
    {
        ref var last = ref CollectionsMarshal.AsSpan(_events)[^1];
        last.ReceivableCount = _eventReceivables.Count - last.FirstReceivable;
        last.PaymentCount = _payments.Count - last.FirstPayment;
    }

    /// <summary>A bank fee of 15.00–50.00, or 0.5–2.5% for small amounts; always within the 3% tolerance.</summary>
    private long Fee(long cents)
    {
        var fee = 15_00 + _random.Next(35_01);
        return fee * 40 < cents ? fee : Math.Max(1, (long)(cents * (0.005 + (_random.NextDouble() * 0.02))));
    }

    /// <summary>A share of an amount between two fractions (both included); half the time in whole units when that stays inside.</summary>
    private long Share(long cents, double min, double max)
    {
        var low = (long)Math.Ceiling(cents * min);
        var share = Math.Clamp((long)(cents * (min + (_random.NextDouble() * (max - min)))), low, (long)Math.Floor(cents * max));
        var whole = share / 100 * 100;
        return _random.Next(2) == 0 && whole >= low ? whole : share;
    }

    /// <summary>The open amount, or less a fee (at most 1%), or rounded to hundreds when that is within 1%.</summary>
    private long NoReferenceAmount(long cents)
    {
        var roll = _random.Next(10);
        if (roll < 3)
        {
            return cents - Math.Min(Fee(cents), cents / 100);
        }

        var rounded = (cents + 50_00) / 100_00 * 100_00;
        return roll < 5 && rounded > 0 && Math.Abs(rounded - cents) * 100 <= cents ? rounded : cents;
    }
}
