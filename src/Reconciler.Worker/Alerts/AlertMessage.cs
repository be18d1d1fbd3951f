using System.Globalization;
using System.Text;
using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>One message to one recipient on one channel: one outbox alert, or several in a digest.</summary>
/// <param name="Channel">The channel's name (<c>email</c>, <c>file</c>, <c>webhook:NAME</c>).</param>
/// <param name="Recipient">The address, or the audience's name on channels without addresses.</param>
/// <param name="Alerts">The outbox alerts it carries, at least one.</param>
internal sealed record AlertMessage(string Channel, string Recipient, IReadOnlyList<OutboxAlert> Alerts)
{
    private static readonly string[] SeverityRank = ["info", "warning", "high", "critical"];

    /// <summary>Whether it carries several alerts.</summary>
    public bool IsDigest => Alerts.Count > 1;

    /// <summary>The audiences of its alerts, comma-separated.</summary>
    public string Audience => string.Join(", ", Alerts.Select(a => a.Alert.Audience).Distinct(StringComparer.Ordinal));

    /// <summary>The highest severity among its alerts.</summary>
    public string Severity => Alerts.Select(a => a.Alert.Severity).MaxBy(s => Array.IndexOf(SeverityRank, s)) ?? "info";

    /// <summary>The alert's subject, or for a digest "[HIGH] Reconciler: 3 alerts (2 high, 1 warning)".</summary>
    public string Subject
    {
        get
        {
            if (!IsDigest)
            {
                return Alerts[0].Alert.Subject;
            }

            var counts = Alerts.GroupBy(a => a.Alert.Severity)
                .OrderByDescending(g => Array.IndexOf(SeverityRank, g.Key))
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
            return string.Create(CultureInfo.InvariantCulture, $"[{Severity.ToUpperInvariant()}] Reconciler: {Alerts.Count} alerts ({string.Join(", ", counts)})");
        }
    }

    /// <summary>The plain text: the alert's body, or for a digest every alert's subject and body, numbered.</summary>
    public string Text
    {
        get
        {
            if (!IsDigest)
            {
                return Alerts[0].Alert.Body;
            }

            var text = new StringBuilder();
            text.Append(Subject).Append('\n').Append('\n');
            for (var i = 0; i < Alerts.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Alerts[i].Alert.Subject}").Append('\n').Append('\n');
                text.Append(Alerts[i].Alert.Body).Append('\n');
                if (i < Alerts.Count - 1)
                {
                    text.Append("----------------------------------------").Append('\n').Append('\n');
                }
            }

            return text.ToString();
        }
    }

    /// <summary>The outbox ids of its alerts.</summary>
    public IReadOnlyList<long> Ids => [.. Alerts.Select(a => a.Id)];
}
