using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// Finds what a line's memo and payer point at (<see cref="Inspect"/>) and decides the line against the open
/// amounts of the moment (<see cref="Evaluate"/>). One evaluator per thread: it reuses its buffers.
/// </summary>
internal sealed partial class LineEvaluator(ReceivableIndex index, MatchingOptions options, MatchExplainer? explainer = null)
{
    /// <summary>Typo search only looks at memo strings at least this long: shorter ones hit keys by chance.</summary>
    private const int MinTypoLength = 5;

    /// <summary>How many lines <see cref="Prepare"/> takes at most.</summary>
    public const int BatchSize = 16;

    private readonly MemoScanner[] _scanners = [.. Enumerable.Range(0, BatchSize).Select(_ => new MemoScanner())];
    private MemoScanner _scanner = null!; // set by Inspect: the scan of the line being inspected: one of _scanners
    private ulong[] _states = new ulong[64];  // Prepare's key hash states,
    private ulong[] _scratch = new ulong[64]; // the slots they start at,
    private int[] _ahead = new int[64];       // and the receivables those hold
    private long _readAhead; // what the reads ahead read, kept so that they are not left out
    private readonly List<int> _found = [];
    private readonly List<int> _keyIds = [];
    private readonly List<string> _keyTexts = [];
    private readonly List<Candidate> _candidates = [];
    private readonly List<int> _live = [];
    private char[] _payer = new char[256];
    private readonly List<int> _pool = [];
    private int[] _block = [];  // the references of the lines inspected last, each line's in a run (see LineFacts)
    private int _blockUsed;
    private readonly string _tolerance = Text.Tolerance(options);
    private readonly MatchExplainer _explainer = explainer ?? new MatchExplainer(options);
    private readonly Receivable[] _receivables = index.ReceivableArray;

    /// <summary>Finds the references, near-miss references and customers of a line.</summary>
    public LineFacts Inspect(StatementLine line)
    {
        _scanner = _scanners[0];
        _scanner.Scan(line.Memo);
        return InspectScanned(line);
    }

    /// <summary>
    /// As <see cref="Inspect(StatementLine)"/>, for line <paramref name="position"/> of the batch <see cref="Prepare"/>
    /// was last given (whose memo it scanned).
    /// </summary>
    public LineFacts Inspect(StatementLine line, int position)
    {
        _scanner = _scanners[position];
        return InspectScanned(line);
    }

    /// <summary>
    /// Scans the memos of a batch of lines (at most <see cref="BatchSize"/>), then reads ahead, for the whole batch at
    /// once, what looking up their contract keys will read: the key filter's words, the key table's slots, the
    /// receivables and their keys, and their open amounts. A million references land on a million receivables at
    /// random, so each look-up is a chain of cache misses; read ahead a level at a time, a batch's misses overlap
    /// instead of following one another. Then <see cref="Inspect(StatementLine, int)"/> each line.
    /// </summary>
    public void Prepare(IReadOnlyList<StatementLine> lines, ReadOnlySpan<int> batch, decimal[] open)
    {
        var count = 0;
        for (var k = 0; k < batch.Length; k++)
        {
            var scanner = _scanners[k];
            scanner.Scan(lines[batch[k]].Memo);
            count = CollectKeyStates(scanner, count);
        }

        if (_scratch.Length < _states.Length)
        {
            _scratch = new ulong[_states.Length];
            _ahead = new int[_states.Length];
        }

        var found = index.WarmKeys(_states.AsSpan(0, count), _scratch, _ahead, out var words);
        var sum = (long)words;
        for (var k = 0; k < found; k++)
        {
            var r = _ahead[k];
            sum += _receivables[r].Key.Length + open[r].Scale;
        }

        _readAhead += sum;
    }

    // The hash state of every span FindReferences may look up in this scan, from every run start (FindReferences skips
    // some), appended to _states from `count`; returns the new count.
    private int CollectKeyStates(MemoScanner scanner, int count)
    {
        for (var i = 0; i < scanner.RunCount; i++)
        {
            var spans = new KeySpans(scanner, index, i);
            while (spans.MoveNext())
            {
                if (index.MayHaveKey(spans.Length, spans.FirstChar))
                {
                    if (count == _states.Length)
                    {
                        Array.Resize(ref _states, count * 2);
                    }

                    _states[count++] = spans.Hash;
                }
            }
        }

        return count;
    }

    private LineFacts InspectScanned(StatementLine line)
    {
        var references = FindReferences();
        var referenceStart = KeepReferences();
        int[] typos = [];
        string[] typoTexts = [];
        var unknown = "";
        if (references == 0)
        {
            (typos, typoTexts, unknown) = FindNearMisses();
        }

        // A line with one reference is decided by that receivable alone: its payer would only tell apart receivables
        // that share a contract number, so the payer look-up (a cache miss or two per line) is left out.
        int[] customers = [];
        var recognisedBy = references == 1 ? null : index.FindCustomers(line, PayerName.Normalize(line.PayerName, ref _payer), out customers);
        if (references == 0 && typos.Length == 0 && unknown.Length == 0 && recognisedBy is null)
        {
            return LineFacts.None;
        }

        return new LineFacts
        {
            Inspected = true,
            Found = true,
            ReferenceBlock = references > 0 ? _block : null,
            ReferenceStart = referenceStart,
            ReferenceCount = references,
            Leads = typos.Length == 0 && unknown.Length == 0 && customers.Length == 0 && recognisedBy is null
                ? null
                : new LineLeads { Typos = typos, TypoTexts = typoTexts, UnknownReference = unknown, Customers = customers, PayerRecognisedBy = recognisedBy },
        };
    }

    private const int BlockSize = 4096;

    // Copies the references found (_found) to the end of the current block, starting a new block when they do not
    // fit (earlier lines keep theirs in the old one); returns where they start.
    private int KeepReferences()
    {
        if (_found.Count == 0)
        {
            return 0;
        }

        if (_blockUsed + _found.Count > _block.Length)
        {
            _block = new int[Math.Max(BlockSize, _found.Count)];
            _blockUsed = 0;
        }

        var start = _blockUsed;
        _found.CopyTo(_block, start);
        _blockUsed += _found.Count;
        return start;
    }

    // Longest key from each run start, runs joined through separators; a key never starts or ends inside a run,
    // so a key inside a longer alphanumeric run does not count. Leaves them in _found; returns how many.
    private int FindReferences()
    {
        _found.Clear();
        for (var i = 0; i < _scanner.RunCount;)
        {
            // Every candidate from run i (KeySpans): when no key starts with its first characters, none of them is one.
            var bestEnd = -1;
            var bestFirst = -1;
            var bestShared = false;
            var spans = new KeySpans(_scanner, index, i);
            while (spans.MoveNext())
            {
                if (spans.Length >= ReceivableIndex.MinKeyLength
                    && index.FindKey(_scanner.Span(i, spans.Last), spans.Hash, out var shared) is >= 0 and var first)
                {
                    bestEnd = spans.Last;
                    bestFirst = first;
                    bestShared = shared;
                }
            }

            if (bestFirst < 0)
            {
                i++;
                continue;
            }

            if (bestShared)
            {
                AddReceivablesFrom(bestFirst);
            }
            else if (!_found.Contains(bestFirst))
            {
                _found.Add(bestFirst); // the key's only receivable
            }

            i = bestEnd + 1;
        }

        return _found.Count;
    }

    // Adds the receivables of a key (by key id, as the typo index finds them).
    private void AddReceivablesOf(int keyId) => AddReceivablesFrom(index.FirstReceivable(keyId));

    // Adds the receivables of a key from its first; when the ERP reused a contract number, they go in customer
    // order, so the order never depends on the order of the receivables file.
    private void AddReceivablesFrom(int firstReceivable)
    {
        var start = _found.Count;
        for (var r = firstReceivable; r >= 0; r = index.NextWithSameKey(r))
        {
            if (!_found.Contains(r))
            {
                _found.Add(r);
            }
        }

        if (_found.Count - start > 1)
        {
            _found.Sort(start, _found.Count - start, Comparer<int>.Create((a, b) =>
            {
                var byCustomer = string.CompareOrdinal(_receivables[a].CustomerId, _receivables[b].CustomerId);
                return byCustomer != 0 ? byCustomer : string.CompareOrdinal(_receivables[a].ContractNo, _receivables[b].ContractNo);
            }));
        }
    }

    private (int[] Typos, string[] Texts, string Unknown) FindNearMisses()
    {
        _keyIds.Clear();
        _keyTexts.Clear();
        var unknown = "";
        var maxLength = index.MaxKeyLength + 1;
        for (var i = 0; i < _scanner.RunCount; i++)
        {
            var length = 0;
            var spaced = false;
            for (var j = i; j < _scanner.RunCount && (j == i || _scanner.JoinsPrevious(j)); j++)
            {
                length += _scanner.RunLength(j);
                spaced |= j > i && _scanner.SpaceBefore(j);
                if (length > maxLength)
                {
                    break;
                }

                var span = _scanner.Span(i, j);
                if (length < MinTypoLength || span.IndexOfAnyInRange('0', '9') < 0)
                {
                    continue;
                }

                var before = _keyIds.Count;
                index.FindTypos(span, _keyIds);
                if (_keyIds.Count > before)
                {
                    var text = new string(span);
                    while (_keyTexts.Count < _keyIds.Count)
                    {
                        _keyTexts.Add(text);
                    }
                }

                // Words joined across spaces ("Invoice 12") are not reported as an unknown contract number.
                if (unknown.Length == 0 && !spaced && length >= 6 && span.IndexOfAnyInRange('A', 'Z') >= 0)
                {
                    unknown = new string(span);
                }
            }
        }

        if (_keyIds.Count == 0)
        {
            return ([], [], unknown);
        }

        _found.Clear();
        var texts = new List<string>();
        for (var k = 0; k < _keyIds.Count; k++)
        {
            AddReceivablesOf(_keyIds[k]);
            while (texts.Count < _found.Count)
            {
                texts.Add(_keyTexts[k]);
            }
        }

        return ([.. _found], [.. texts], unknown);
    }
}
