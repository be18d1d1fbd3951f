using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The indexes the matcher searches: contract key to receivables (exact references), a typo index over the keys,
/// and customers by normalised name and by learned payer links with their receivables. Building is
/// O(receivables); the index is immutable and safe to share between threads.
/// </summary>
public sealed class ReceivableIndex
{
    /// <summary>Keys shorter than this are never searched for in memos: too many memos hold such strings by chance.</summary>
    public const int MinKeyLength = 4;

    // Set once, by the constructor's two halves (keys, customers) that run side by side; never changed after.
    private KeyTable _keyTable = null!;   // key -> first receivable with that key
    private int[] _keyFirst = null!;      // key id -> first receivable with that key
    private int[] _nextSameKey = null!;   // receivable -> next receivable with the same key, or -1
    private int[] _sharedFirsts = null!;  // the first receivable of each key that several receivables have, ascending
    private int[] _unkeyed = null!;       // receivables whose key is too short to index, ascending
    private decimal[] _opening = null!;   // receivable -> its amount, or 0 when that is negative
    private readonly Lazy<TypoIndex> _typos;
    private string[] _keys = null!;
    private Dictionary<string, int[]> _customersByName = null!;
    private Dictionary<string, int> _customersById = null!;
    private Dictionary<string, int> _linkedAccounts = null!;
    private Dictionary<string, int> _linkedNames = null!;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _linkedNameLookup;
    private Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _customerNameLookup;
    private int[][] _customerReceivables = null!;
    private int[] _customerOf = null!;
    private KeyFilter _filter = null!;
    private string[] _customerNames = null!;
    private string[] _customerIdOf = null!;

    private ReceivableIndex(IReadOnlyList<Receivable> receivables, IEnumerable<PayerLink> links, bool withTypoIndex)
    {
        Receivables = receivables;
        ReceivableArray = receivables as Receivable[] ?? [.. receivables];
        _typos = new Lazy<TypoIndex>(() => TypoIndex.Build(_keys), LazyThreadSafetyMode.ExecutionAndPublication);

        // The key tables and the customer tables share nothing: they are built side by side. The typo index needs only
        // the keys, so it is built after them while the customer tables (the longer of the two) are still being built.
        try
        {
            Parallel.Invoke(
                () =>
                {
                    IndexKeys(receivables);
                    if (withTypoIndex)
                    {
                        _ = _typos.Value;
                    }
                },
                () => IndexCustomers(receivables, links));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw(); // as if built on one thread
            throw;
        }
        MaxKeyLength = _keys.Length == 0 ? 0 : _keys.Max(k => k.Length);
    }

    private void IndexKeys(IReadOnlyList<Receivable> receivables)
    {
        var count = receivables.Count;
        _keyTable = new KeyTable(ReceivableArray, count);
        var keys = new List<string>(count);
        var first = new List<int>(count);
        _nextSameKey = new int[count];
        var lastSameKey = new int[count]; // first receivable of a key -> the last receivable with that key so far
        var shared = new List<int>();
        var unkeyed = new List<int>();
        var opening = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            _nextSameKey[i] = -1;
            opening[i] = Math.Max(0, receivables[i].Amount);
            var key = receivables[i].Key;
            if (key.Length >= MinKeyLength)
            {
                var firstWithKey = _keyTable.Add(i, KeyFilter.Continue(KeyFilter.Start, key));
                if (firstWithKey < 0)
                {
                    keys.Add(key);
                    first.Add(i);
                    lastSameKey[i] = i;
                }
                else
                {
                    if (_nextSameKey[firstWithKey] < 0)
                    {
                        shared.Add(firstWithKey);
                    }

                    _nextSameKey[lastSameKey[firstWithKey]] = i;
                    lastSameKey[firstWithKey] = i;
                }
            }
            else
            {
                unkeyed.Add(i);
            }
        }

        shared.Sort();
        _sharedFirsts = [.. shared];
        _unkeyed = [.. unkeyed];

        _opening = opening;
        _keys = [.. keys];
        _keyFirst = [.. first];
        _filter = new KeyFilter(_keys);
    }

    private void IndexCustomers(IReadOnlyList<Receivable> receivables, IEnumerable<PayerLink> links)
    {
        var count = receivables.Count;
        var customerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var customerOf = new int[count];
        var customerNames = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var receivable = receivables[i];
            ref var customer = ref CollectionsMarshal.GetValueRefOrAddDefault(customerIds, receivable.CustomerId, out var known);
            if (!known)
            {
                customer = customerNames.Count;
                customerNames.Add(receivable.CustomerName);
            }
            else if (string.CompareOrdinal(receivable.CustomerName, customerNames[customer]) < 0)
            {
                customerNames[customer] = receivable.CustomerName; // the same name whatever the row order
            }

            customerOf[i] = customer;
        }

        _customersById = customerIds;
        _customerOf = customerOf;

        // Receivables per customer.
        var perCustomer = new int[customerNames.Count];
        foreach (var c in customerOf)
        {
            perCustomer[c]++;
        }

        _customerReceivables = new int[customerNames.Count][];
        for (var c = 0; c < perCustomer.Length; c++)
        {
            _customerReceivables[c] = new int[perCustomer[c]];
            perCustomer[c] = 0;
        }

        for (var i = 0; i < count; i++)
        {
            _customerReceivables[customerOf[i]][perCustomer[customerOf[i]]++] = i;
        }

        _customerNames = [.. customerNames];
        _customerIdOf = new string[customerNames.Count];
        foreach (var (id, c) in customerIds)
        {
            _customerIdOf[c] = id;
        }

        // Customers by normalised name (several customers may share one), under every spelling their rows use.
        // Nearly every name has one customer: a one-element array, grown in the rare case of a shared name.
        var byName = new Dictionary<string, int[]>(customerNames.Count, StringComparer.Ordinal);
        var lastSpelling = new string?[customerNames.Count]; // rows of one customer nearly always repeat its name
        for (var i = 0; i < count; i++)
        {
            var written = receivables[i].CustomerName;
            if (string.Equals(lastSpelling[customerOf[i]], written, StringComparison.Ordinal))
            {
                continue;
            }

            lastSpelling[customerOf[i]] = written;
            var name = PayerName.Normalize(written);

            if (name.Length == 0)
            {
                continue;
            }

            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, name, out var seen);
            if (!seen)
            {
                list = [customerOf[i]];
            }
            else if (Array.IndexOf(list!, customerOf[i]) < 0)
            {
                list = [.. list!, customerOf[i]];
            }
        }

        var customerIdOf = _customerIdOf;
        foreach (var list in byName.Values)
        {
            if (list.Length > 1)
            {
                Array.Sort(list, (a, b) => string.CompareOrdinal(customerIdOf[a], customerIdOf[b]));
            }
        }

        _customersByName = byName;

        _linkedAccounts = new Dictionary<string, int>(StringComparer.Ordinal);
        _linkedNames = new Dictionary<string, int>(StringComparer.Ordinal);
        // Conflicting links (one account, two customers) resolve the same way whatever their order: the first
        // in (account, name, customer id) order wins.
        foreach (var link in links.OrderBy(l => l.PayerAccount, StringComparer.Ordinal).ThenBy(l => l.PayerName, StringComparer.Ordinal).ThenBy(l => l.CustomerId, StringComparer.Ordinal))
        {
            if (!_customersById.TryGetValue(link.CustomerId, out var c))
            {
                continue; // the customer has no open receivable here
            }

            if (NormalizeAccount(link.PayerAccount) is { Length: > 0 } account)
            {
                _linkedAccounts.TryAdd(account, c);
            }
            else if (PayerName.Normalize(link.PayerName) is { Length: > 0 } name)
            {
                _linkedNames.TryAdd(name, c);
            }
        }

        _linkedNameLookup = _linkedNames.GetAlternateLookup<ReadOnlySpan<char>>();
        _customerNameLookup = _customersByName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The receivables, in the order given.</summary>
    public IReadOnlyList<Receivable> Receivables { get; }

    /// <summary><see cref="Receivables"/> as an array: the matcher reads it without an interface call per receivable.</summary>
    internal Receivable[] ReceivableArray { get; }

    /// <summary>The longest contract key.</summary>
    public int MaxKeyLength { get; }

    /// <summary>How many distinct customers the receivables belong to.</summary>
    public int CustomerCount => _customerReceivables.Length;

    /// <summary>How many distinct contract keys are indexed.</summary>
    public int KeyCount => _keys.Length;

    /// <summary>Builds the indexes over the receivables, with payer links learned from confirmed matches.</summary>
    public static ReceivableIndex Build(IReadOnlyList<Receivable> receivables, IEnumerable<PayerLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        return new ReceivableIndex(receivables, links ?? [], withTypoIndex: false);
    }

    /// <summary>
    /// As <see cref="Build"/>, with the typo index built too (as <see cref="BuildTypoIndex"/> would), beside the
    /// customer tables: what a run that matches every line needs, sooner than building the two one after the other.
    /// </summary>
    public static ReceivableIndex BuildWithTypoIndex(IReadOnlyList<Receivable> receivables, IEnumerable<PayerLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        return new ReceivableIndex(receivables, links ?? [], withTypoIndex: true);
    }

    /// <summary>
    /// Builds the typo index now rather than at the first line that needs it (it is built once, on demand,
    /// because a run whose memos all carry exact references never needs it).
    /// </summary>
    public void BuildTypoIndex() => _ = _typos.Value;

    /// <summary>True once the typo index is built.</summary>
    internal bool HasTypoIndex => _typos.IsValueCreated;

    /// <summary>
    /// The first receivable whose key is <paramref name="key"/> (normalised), or -1; <paramref name="shared"/> is
    /// true when other receivables have it too (follow <see cref="NextWithSameKey"/>). <paramref name="hashState"/>
    /// is the key's hash state (<see cref="KeyFilter.Continue"/> from <see cref="KeyFilter.Start"/>), which the memo
    /// search extends run by run.
    /// </summary>
    internal int FindKey(ReadOnlySpan<char> key, ulong hashState, out bool shared)
    {
        if (!_filter.MayContain(key.Length, key[0], hashState))
        {
            shared = false;
            return -1;
        }

        return _keyTable.Find(key, hashState, out shared);
    }

    /// <summary>
    /// False when no key has this length and first character; true does not mean one may (see
    /// <see cref="FindKey"/>). For the reads ahead of a batch (<see cref="WarmKeys"/>).
    /// </summary>
    internal bool MayHaveKey(int length, char first) => length >= MinKeyLength && _filter.MayHave(length, first);

    /// <summary>
    /// Reads ahead what <see cref="FindKey"/> will read for each of these hash states (the filter's word, the table's
    /// slot), all of a level at once so that the cache misses overlap; writes the receivables the slots point at to
    /// <paramref name="found"/> and returns how many, for the caller to read ahead in turn. Changes nothing: what
    /// the finds return is the same with or without it. <paramref name="words"/> is what the filter's words read gave
    /// (the caller keeps it, so that the reads are not left out as unused).
    /// </summary>
    internal int WarmKeys(ReadOnlySpan<ulong> hashStates, Span<ulong> scratch, Span<int> found, out ulong words)
    {
        words = 0;
        foreach (var state in hashStates)
        {
            words |= _filter.Touch(state);
        }

        return _keyTable.Warm(hashStates, scratch, found);
    }

    /// <summary>
    /// Copies the open amount of every receivable before any payment (its amount, or 0 when that is negative) to
    /// <paramref name="open"/>, in receivable order: read once while the index is built rather than from a million
    /// receivable objects at every run.
    /// </summary>
    internal void CopyOpeningAmounts(Span<decimal> open) => _opening.CopyTo(open);

    /// <summary>False when no key starts with <paramref name="first"/> (see <see cref="KeyFilter.MayStartWith(char)"/>).</summary>
    internal bool MayStartKey(char first) => _filter.MayStartWith(first);

    /// <summary>False when no key starts with these two characters (see <see cref="KeyFilter.MayStartWith(char, char)"/>).</summary>
    internal bool MayStartKey(char first, char second) => _filter.MayStartWith(first, second);

    /// <summary>
    /// Every pair of receivables with the same contract number (as written) and customer id, the earlier one (in the
    /// order given) first, each later receivable with the first one before it: along the receivables of each contract
    /// key that several receivables share, then among those whose key is too short to index (<see cref="MinKeyLength"/>).
    /// Both sets are noted while the index is built, so a run where every contract is once costs nothing here.
    /// </summary>
    public IEnumerable<(Receivable Earlier, Receivable Later)> SameContractAndCustomer()
    {
        foreach (var first in _sharedFirsts)
        {
            for (var later = _nextSameKey[first]; later >= 0; later = _nextSameKey[later])
            {
                for (var earlier = first; earlier != later; earlier = _nextSameKey[earlier])
                {
                    if (SameContractAndCustomer(ReceivableArray[earlier], ReceivableArray[later]))
                    {
                        yield return (ReceivableArray[earlier], ReceivableArray[later]);
                        break;
                    }
                }
            }
        }

        var firstOf = new Dictionary<(string ContractNo, string CustomerId), Receivable>(_unkeyed.Length);
        foreach (var r in _unkeyed)
        {
            var receivable = ReceivableArray[r];
            if (firstOf.TryGetValue((receivable.ContractNo, receivable.CustomerId), out var earlier))
            {
                yield return (earlier, receivable);
            }
            else
            {
                firstOf.Add((receivable.ContractNo, receivable.CustomerId), receivable);
            }
        }
    }

    private static bool SameContractAndCustomer(Receivable a, Receivable b) =>
        string.Equals(a.ContractNo, b.ContractNo, StringComparison.Ordinal) && string.Equals(a.CustomerId, b.CustomerId, StringComparison.Ordinal);

    /// <summary>The first receivable of a key id; follow <see cref="NextWithSameKey"/> for the others.</summary>
    internal int FirstReceivable(int keyId) => _keyFirst[keyId];

    /// <summary>The next receivable with the same key, or -1.</summary>
    internal int NextWithSameKey(int receivable) => _nextSameKey[receivable];

    /// <summary>The key of a key id.</summary>
    internal string Key(int keyId) => _keys[keyId];

    /// <summary>Key ids one edit away from <paramref name="text"/>.</summary>
    internal void FindTypos(ReadOnlySpan<char> text, List<int> keyIds) => _typos.Value.Find(text, keyIds);

    /// <summary>A customer's id and name (the name its rows spell first in ordinal order) by internal number.</summary>
    internal (string Id, string Name) Customer(int customer) => (_customerIdOf[customer], _customerNames[customer]);

    /// <summary>The internal customer number of a receivable.</summary>
    internal int CustomerOf(int receivable) => _customerOf[receivable];

    /// <summary>The receivables of a customer (by internal customer number).</summary>
    internal int[] ReceivablesOf(int customer) => _customerReceivables[customer];

    /// <summary>
    /// Finds the customers a payer (with its name normalised by <see cref="PayerName.Normalize"/>) is known to be: by learned account link, by learned name link, or by the same
    /// normalised name (an array the caller must not change). Returns how the payer was recognised, or null.
    /// </summary>
    internal string? FindCustomers(StatementLine line, ReadOnlySpan<char> normalizedPayer, out int[] customers)
    {
        customers = [];
        if (_linkedAccounts.Count > 0 && NormalizeAccount(line.PayerAccount) is { Length: > 0 } account
            && _linkedAccounts.TryGetValue(account, out var byAccount))
        {
            customers = [byAccount];
            return "a payer account learned from confirmed matches";
        }

        var name = normalizedPayer;
        if (name.Length == 0)
        {
            return null;
        }

        if (_linkedNames.Count > 0 && _linkedNameLookup.TryGetValue(name, out var byLink))
        {
            customers = [byLink];
            return "a payer name learned from confirmed matches";
        }

        if (_customerNameLookup.TryGetValue(name, out var byName))
        {
            customers = byName; // shared with every line of that name: never written to
            return "the customer's name";
        }

        return null;
    }

    private static string NormalizeAccount(string? account) => ContractKey.Normalize(account);
}
