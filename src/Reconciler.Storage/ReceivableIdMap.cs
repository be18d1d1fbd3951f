using System.Collections;
using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// The ledger id of each receivable instance of a snapshot, and its position in the snapshot's list: one look-up of
/// the instance gives both. A match run's save finds each allocation's receivable once and works with positions from
/// there (arrays indexed by position, rather than dictionaries keyed by id).
/// </summary>
internal sealed class ReceivableIdMap : IReadOnlyDictionary<Receivable, long>
{
    private readonly Dictionary<Receivable, int> _positions;
    private readonly List<long> _ids;

    /// <summary>An empty map, with room for <paramref name="capacity"/> receivables.</summary>
    public ReceivableIdMap(int capacity = 0)
    {
        _positions = new Dictionary<Receivable, int>(capacity, ReferenceEqualityComparer.Instance);
        _ids = new List<long>(capacity);
    }

    /// <summary>Adds the next receivable of the list (its position is the count so far) with its ledger id.</summary>
    /// <exception cref="ArgumentException">The instance is there already.</exception>
    public void Add(Receivable receivable, long id)
    {
        _positions.Add(receivable, _ids.Count);
        _ids.Add(id);
    }

    /// <summary>The position of <paramref name="receivable"/> (this instance) in the list.</summary>
    /// <exception cref="KeyNotFoundException">Not a receivable of the list.</exception>
    public int Position(Receivable receivable) => _positions[receivable];

    /// <summary>The ledger id of the receivable at <paramref name="position"/>.</summary>
    public long IdAt(int position) => _ids[position];

    public long this[Receivable key] => _ids[_positions[key]];

    public IEnumerable<Receivable> Keys => _positions.Keys;

    public IEnumerable<long> Values => _positions.Values.Select(p => _ids[p]);

    public int Count => _ids.Count;

    public bool ContainsKey(Receivable key) => _positions.ContainsKey(key);

    public bool TryGetValue(Receivable key, out long value)
    {
        if (_positions.TryGetValue(key, out var position))
        {
            value = _ids[position];
            return true;
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<Receivable, long>> GetEnumerator() =>
        _positions.Select(p => KeyValuePair.Create(p.Key, _ids[p.Value])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
