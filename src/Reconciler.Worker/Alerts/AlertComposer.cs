using Reconciler.Rules;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// Turns a rules session's decisions into outbox alerts: for each alert, escalation and flag, the recipients of its
/// audience on every channel, with its subject, plain text and JSON payload, which are written from the decision's
/// payload whenever they are read (the outbox's write reads each once). Pure: no I/O.
/// </summary>
/// <remarks>
/// E-mail gets one outbox alert per address, keyed by the address; an address that two decisions would send the same
/// alert about the same thing (finance's copy, and a sales owner's that fell back to finance) gets the first, with the
/// other's note. A webhook or the file channel gets one per
/// decision, keyed by the audience, whose recipient is the addresses it stands for (comma-separated), or the
/// audience's name when there are none: a chat group should not see the same alert once per finance address, nor
/// again when the address list changes; and a webhook taking several audiences gets one post about the same thing. Credit holds and releases make no alert by themselves;
/// the rules insert separate alerts about them.
/// </remarks>
internal static class AlertComposer
{
    /// <summary>The longest dedup key the outbox keeps.</summary>
    public const int MaxDedupKey = 800;

    /// <summary>The outbox alerts for <paramref name="decisions"/>, and notes on what could not be addressed.</summary>
    public static Composition Compose(RuleDecisions decisions, AlertsOptions options) => Compose(decisions, options, null);

    /// <summary>
    /// As <see cref="Compose(RuleDecisions, AlertsOptions)"/>, leaving out the alerts whose dedup keys
    /// <paramref name="known"/> finds (given every key composed: those the outbox holds already), counted in
    /// <see cref="Composition.Known"/>. The alerts are addressed first and rendered last, so an alert left out is never
    /// rendered: a rules run on a ledger of a million lines decides some 815k alerts every day, of which about 10k are new.
    /// </summary>
    public static Composition Compose(RuleDecisions decisions, AlertsOptions options, Func<IReadOnlyCollection<string>, IReadOnlySet<string>>? known)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(options);
        var channels = options.ChannelNames();
        var alerts = new List<NewAlert>();
        var payloads = new List<AlertPayload>(); // each alert's, rendered last
        var notes = new List<string>();
        var posted = new HashSet<(string Channel, SameThing Thing)>();
        var emailed = new Dictionary<(string Address, string Severity, SameThing Thing), (int Index, AlertPayload Payload)>();
        foreach (var decision in AlertDecision.From(decisions))
        {
            var audience = decision.Audience.ToName();
            var (addresses, note) = Recipients(decision, options);
            var payload = new AlertPayload
            {
                Kind = decision.Kind,
                Rule = decision.Rule,
                RuleSetVersion = decisions.RuleSetVersion,
                Severity = decision.Severity.ToName(),
                Audience = audience,
                Headline = decision.Headline,
                NextStep = decision.NextStep,
                Notes = note is null ? [] : [note],
                Concern = decision.Concern,
            };
            var addressed = new NewAlert
            {
                DedupKey = "",
                Kind = decision.Kind,
                Rule = decision.Rule,
                Audience = audience,
                Channel = "",
                Recipient = "",
                Severity = payload.Severity,
                Immediate = decision.Immediate,
                LineId = decision.Concern.LineId,
                ReceivableId = decision.Concern.ReceivableId,
                CustomerId = decision.Concern.CustomerId,
                ContractNo = decision.Concern.ContractNo,
            };

            foreach (var channel in channels)
            {
                if (channel == AlertsOptions.EmailChannel)
                {
                    if (addresses.Count == 0)
                    {
                        notes.Add($"{decision.Key}: not e-mailed: no address for {audience}{(decision.Audience == Audience.Finance ? "" : " and none for finance")} (set {AlertsOptions.Section}:{nameof(AlertsOptions.Finance)}).");
                    }

                    foreach (var address in addresses)
                    {
                        // An address that already gets this alert about the same thing for another audience (finance's
                        // copy, and the sales owner's that fell back to finance) gets one e-mail, with the other copy's
                        // note added to it.
                        var same = (address.ToLowerInvariant(), payload.Severity, SameThing.Of(decision));
                        if (emailed.TryGetValue(same, out var earlier) && earlier.Payload.Audience != audience)
                        {
                            if (note is not null && !earlier.Payload.Notes.Contains(note, StringComparer.Ordinal))
                            {
                                var merged = earlier.Payload with { Notes = [.. earlier.Payload.Notes, note] };
                                payloads[earlier.Index] = merged;
                                emailed[same] = (earlier.Index, merged);
                            }

                            continue;
                        }

                        emailed[same] = (alerts.Count, payload);
                        alerts.Add(For(addressed, decision.Key, channel, address));
                        payloads.Add(payload);
                    }
                }
                else if (options.Webhook(channel) is var hook && (hook is null || hook.Receives(audience)))
                {
                    // A chat group or the file sees one post per decision, keyed by audience, not by the addresses it
                    // stands for: a change to the address list must not send every open alert again. A webhook that
                    // takes several audiences gets the same alert about the same thing once (the first audience's copy,
                    // finance before sales-owner, as decisions come ordered by key).
                    if (hook is not null && !posted.Add((channel, SameThing.Of(decision))))
                    {
                        continue;
                    }

                    var recipient = addresses.Count > 0 ? string.Join(", ", addresses) : audience;
                    alerts.Add(For(addressed, decision.Key, channel, recipient) with { DedupKey = DedupKey(decision.Key, channel, audience) });
                    payloads.Add(payload);
                }
            }
        }

        var leftOut = known?.Invoke([.. alerts.Select(a => a.DedupKey)]) ?? new HashSet<string>();
        var composed = new List<NewAlert>(alerts.Count - leftOut.Count);
        for (var i = 0; i < alerts.Count; i++)
        {
            if (!leftOut.Contains(alerts[i].DedupKey))
            {
                composed.Add(alerts[i] with { Text = new RenderedOnRead(payloads[i]) });
            }
        }

        return new Composition(composed, notes) { Known = alerts.Count - composed.Count };
    }

    /// <summary>
    /// An addressed alert's subject, plain text and JSON payload, written from its payload each time they are read
    /// (the outbox's write reads each once), so that a run's new alerts are never all held as text at once.
    /// </summary>
    private sealed class RenderedOnRead(AlertPayload payload) : IAlertText
    {
        public string Subject => AlertText.Subject(payload.Severity, payload.Kind, payload.Headline);

        public string Body => AlertText.Body(payload);

        public string Payload => payload.ToJson();
    }

    /// <summary>What makes two decisions' alerts one alert about one thing, whatever their audience.</summary>
    private readonly record struct SameThing(string Rule, string Kind, long? LineId, long? ReceivableId, string Headline)
    {
        public static SameThing Of(AlertDecision decision) =>
            new(decision.Rule, decision.Kind, decision.Concern.LineId, decision.Concern.ReceivableId, decision.Headline);
    }

    private static NewAlert For(NewAlert addressed, string key, string channel, string recipient) => addressed with
    {
        DedupKey = DedupKey(key, channel, recipient),
        Channel = channel,
        Recipient = recipient,
    };

    /// <summary>
    /// <c>KEY|CHANNEL|recipient</c> (lower-cased); when that is longer than the outbox keeps
    /// (<see cref="MaxDedupKey"/>: a long list of finance addresses on a webhook), the recipient part, or failing that
    /// the whole key, is its SHA-256: still the same key for the same decision, channel and recipient.
    /// </summary>
    public static string DedupKey(string key, string channel, string recipient)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recipient);
        var lower = recipient.Trim().ToLowerInvariant();
        var full = $"{key}|{channel}|{lower}";
        if (full.Length <= MaxDedupKey)
        {
            return full;
        }

        var hashed = $"{key}|{channel}|sha256:{Sha256(lower)}";
        return hashed.Length <= MaxDedupKey ? hashed : "sha256:" + Sha256(full);
    }

    /// <summary>The decision key a <see cref="DedupKey"/> was made from (everything before its first <c>|</c>).</summary>
    public static string DecisionKey(string dedupKey)
    {
        ArgumentNullException.ThrowIfNull(dedupKey);
        var bar = dedupKey.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? dedupKey : dedupKey[..bar];
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The addresses of a decision's audience (finance when the audience has none), without duplicates, and a note
    /// for the body when it went to someone else than its audience; no addresses when finance has none either.
    /// </summary>
    private static (IReadOnlyList<string> Addresses, string? Note) Recipients(AlertDecision decision, AlertsOptions options)
    {
        var finance = Distinct(options.Finance);
        switch (decision.Audience)
        {
            case Audience.Finance:
                return (finance, finance.Count == 0 ? $"No finance address is configured ({AlertsOptions.Section}:{nameof(AlertsOptions.Finance)})." : null);
            case Audience.FinanceManager:
                return Configured(options.FinanceManager, "the finance manager", nameof(AlertsOptions.FinanceManager), finance);
            case Audience.SalesManager:
                return Configured(options.SalesManager, "the sales manager", nameof(AlertsOptions.SalesManager), finance);
            case Audience.Named:
                var named = Distinct(decision.Address.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                return named.Count > 0 ? (named, null) : Fallback(finance, $"rule {decision.Rule} names no address");
            case Audience.SalesOwner:
                var owner = decision.Concern.SalesOwner.Trim();
                if (options.SalesOwnerAddress(owner) is { } address)
                {
                    return ([address], null);
                }

                return Fallback(finance, owner.Length == 0
                    ? "the customer has no sales owner in the receivables"
                    : $"the sales owner \"{owner}\" has no address (add it under {AlertsOptions.Section}:{nameof(AlertsOptions.SalesOwners)})");
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision.Audience, "unknown audience");
        }
    }

    private static (IReadOnlyList<string>, string?) Configured(string[] configured, string who, string key, IReadOnlyList<string> finance)
    {
        var addresses = Distinct(configured);
        return addresses.Count > 0 ? (addresses, null) : Fallback(finance, $"no address is configured for {who} ({AlertsOptions.Section}:{key})");
    }

    private static (IReadOnlyList<string>, string?) Fallback(IReadOnlyList<string> finance, string reason) =>
        (finance, finance.Count > 0
            ? $"Sent to finance: {reason}."
            : $"Not addressed: {reason}, and no finance address is configured either ({AlertsOptions.Section}:{nameof(AlertsOptions.Finance)}).");

    private static List<string> Distinct(IEnumerable<string> addresses) =>
        [.. addresses.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
