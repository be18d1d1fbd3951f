using System.Runtime.InteropServices;
using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>Keeping payments without a reference unambiguous, and turning the plan into statement lines.</summary>
internal sealed partial class SyntheticRun
{
    private readonly List<Counterparty> _counterparties = [];

    /// <summary>
    /// A payment without a reference must fit its receivable(s) only: no other receivable of the customer may be
    /// within 5% of it, whatever the other lines leave open (the full amount, or what an installment or a short
    /// payment leaves). Otherwise the receivable gets another amount; failing that, the payment names its contract.
    /// </summary>
    private void ResolveNoReference()
    {
        for (var e = 0; e < _events.Count; e++)
        {
            var planned = _events[e];
            if (planned.Case is not (SyntheticCase.NoReference or SyntheticCase.IdenticalAmounts) || IsClear(e))
            {
                continue;
            }

            var saved = _cents[_eventReceivables[planned.FirstReceivable]];
            var payment = _payments[planned.FirstPayment];
            var cleared = false;
            for (var attempt = 0; attempt < 30 && !cleared; attempt++)
            {
                var amount = RandomAmount();
                SetAmount(planned, amount);
                _payments[planned.FirstPayment] = payment with
                {
                    Cents = planned.Case == SyntheticCase.NoReference ? NoReferenceAmount(amount) : amount,
                };
                cleared = IsClear(e);
            }

            if (!cleared)
            {
                SetAmount(planned, saved);
                _payments[planned.FirstPayment] = payment with { Cents = saved };
                AddDebt(planned.Case);
                ref var changed = ref CollectionsMarshal.AsSpan(_events)[e];
                if (planned.Case == SyntheticCase.IdenticalAmounts)
                {
                    _eventOf[_eventReceivables[planned.FirstReceivable + 1] - _first] = Unpaid;
                    changed.ReceivableCount = 1;
                }

                changed.Case = SyntheticCase.Exact;
            }
        }
    }

    private void SetAmount(PlannedEvent planned, long cents)
    {
        for (var i = 0; i < planned.ReceivableCount; i++)
        {
            _cents[_eventReceivables[planned.FirstReceivable + i]] = cents;
        }
    }

    private bool IsClear(int e)
    {
        var planned = _events[e];
        var payment = _payments[planned.FirstPayment].Cents;
        for (var j = 0; j < _local; j++)
        {
            var owner = _eventOf[j];
            if (owner == e)
            {
                continue;
            }

            var open = _cents[_first + j];
            if (Near(payment, open))
            {
                return false;
            }

            if (owner < 0)
            {
                continue;
            }

            var other = _events[owner];
            if (other.Case is SyntheticCase.Installment or SyntheticCase.ShortPayment)
            {
                // What is left open after each payment but the last.
                var last = other.Case == SyntheticCase.Installment ? other.PaymentCount - 1 : other.PaymentCount;
                for (var p = 0; p < last; p++)
                {
                    open -= _payments[other.FirstPayment + p].Cents;
                    if (Near(payment, open))
                    {
                        return false;
                    }
                }
            }
        }

        // Other payments without a reference must not fit this event's receivables either.
        for (var f = 0; f < _events.Count; f++)
        {
            var other = _events[f];
            if (f == e || other.Case is not (SyntheticCase.NoReference or SyntheticCase.IdenticalAmounts))
            {
                continue;
            }

            for (var i = 0; i < planned.ReceivableCount; i++)
            {
                if (Near(_payments[other.FirstPayment].Cents, _cents[_eventReceivables[planned.FirstReceivable + i]]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Near(long payment, long open) => open > 0 && Math.Abs(payment - open) * 20 <= open;

    private void Emit(int customer)
    {
        var currency = _customers[customer].Currency;
        foreach (var planned in _events)
        {
            var r = _eventReceivables[planned.FirstReceivable];
            var contract = _contractNo[r];
            var first = _payments[planned.FirstPayment];
            switch (planned.Case)
            {
                case SyntheticCase.Installment:
                    string[] only = [contract];
                    for (var p = 0; p < planned.PaymentCount; p++)
                    {
                        var last = p == planned.PaymentCount - 1;
                        Add(_payments[planned.FirstPayment + p], MemoTexts.Installment(contract, p + 1, planned.PaymentCount, _random), planned.Case, last ? MatchStatus.Matched : MatchStatus.Partial, only);
                    }

                    break;
                case SyntheticCase.Combined:
                    var contracts = new string[planned.ReceivableCount];
                    for (var i = 0; i < contracts.Length; i++)
                    {
                        contracts[i] = _contractNo[_eventReceivables[planned.FirstReceivable + i]];
                    }

                    Add(first, MemoTexts.Combined(contracts, _random), planned.Case, MatchStatus.Matched, contracts);
                    break;
                case SyntheticCase.IdenticalAmounts:
                    var other = _eventReceivables[planned.FirstReceivable + 1];
                    var otherFirst = _dueDay[other] < _dueDay[r] || (_dueDay[other] == _dueDay[r] && string.CompareOrdinal(_contractNo[other], contract) < 0);
                    Add(first, MemoTexts.NoReference(_options.Start.AddDays(first.Day), _random), planned.Case, MatchStatus.Suggested,
                        otherFirst ? [_contractNo[other], contract] : [contract, _contractNo[other]]);
                    break;
                default:
                    var (memo, status) = planned.Case switch
                    {
                        SyntheticCase.BankFee => (MemoTexts.Reference(contract, _random), MatchStatus.Matched),
                        SyntheticCase.ReferenceVariant => (MemoTexts.Variant(contract, _random.Next(MemoTexts.VariantStyles), _random), MatchStatus.Matched),
                        SyntheticCase.Typo => (MemoTexts.Reference(planned.Typo!, _random), MatchStatus.Suggested),
                        SyntheticCase.NoReference => (MemoTexts.NoReference(_options.Start.AddDays(first.Day), _random), MatchStatus.Suggested),
                        SyntheticCase.ShortPayment => (MemoTexts.Short(contract, _random), MatchStatus.Partial),
                        SyntheticCase.OverPayment => (MemoTexts.Over(contract, _random), MatchStatus.Suggested),
                        SyntheticCase.OutsideWindow => (MemoTexts.OutsideWindow(contract, first.Day > _dueDay[r], _random), MatchStatus.Suggested),
                        _ => (MemoTexts.Reference(contract, _random), MatchStatus.Matched),
                    };
                    Add(first, memo, planned.Case, status, [contract]);
                    break;
            }
        }

        void Add(PlannedPayment payment, string memo, SyntheticCase c, MatchStatus status, string[] contracts) => _lines.Add(new PlannedLine
        {
            Day = payment.Day,
            Cents = payment.Cents,
            Payer = customer,
            BankSpelling = _random.NextDouble() < _options.BankSpellingShare,
            Currency = currency,
            Memo = memo,
            Case = c,
            Status = status,
            Contracts = contracts,
        });
    }

    /// <summary>Unrelated income and debits, in their shares of all lines.</summary>
    private void AddNonCustomerLines()
    {
        var total = 0.0;
        foreach (var (c, share) in _options.CaseShares)
        {
            total += c == SyntheticCase.Overlap ? 0 : share;
        }

        var income = _options.CaseShares.GetValueOrDefault(SyntheticCase.UnrelatedIncome) / total;
        var debits = _options.CaseShares.GetValueOrDefault(SyntheticCase.Debit) / total;
        var rest = 1 - income - debits;
        var lines = rest > 1e-9 ? _lines.Count / rest : _count;
        var (payers, payees) = Counterparties.Create(_random);
        AddCounterpartyLines(payers, (int)Math.Round(lines * income), SyntheticCase.UnrelatedIncome, MatchStatus.Unmatched);
        AddCounterpartyLines(payees, (int)Math.Round(lines * debits), SyntheticCase.Debit, MatchStatus.Ignored);
    }

    private void AddCounterpartyLines(Counterparty[] parties, int count, SyntheticCase c, MatchStatus status)
    {
        var offset = _counterparties.Count;
        _counterparties.AddRange(parties);
        var weights = 0;
        foreach (var party in parties)
        {
            weights += party.Weight;
        }

        for (var i = 0; i < count; i++)
        {
            var pick = _random.Next(weights);
            var index = 0;
            while (pick >= parties[index].Weight)
            {
                pick -= parties[index++].Weight;
            }

            var party = parties[index];
            var cents = (long)(party.MinCents * Math.Exp(_random.NextDouble() * Math.Log((double)party.MaxCents / party.MinCents)));
            _lines.Add(new PlannedLine
            {
                Day = _random.Next(_period),
                Cents = cents,
                Payer = ~(offset + index),
                Debit = c == SyntheticCase.Debit,
                Currency = "CNY",
                Memo = party.Memos[_random.Next(party.Memos.Length)],
                Case = c,
                Status = status,
                Contracts = [],
            });
        }
    }
}
