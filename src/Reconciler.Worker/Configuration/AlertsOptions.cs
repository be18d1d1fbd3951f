using System.Globalization;
using MimeKit;
using Reconciler.Worker.Alerts;

using Reconciler.Rules;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Alerts</c> configuration section: recipients, channels (email over SMTP, webhooks, a folder of JSON
/// lines), digest mode and retries. E-mail is on when <c>Smtp:Host</c> is set, each webhook is a channel, and the
/// file channel is on when neither is configured (or when <see cref="FileChannel"/> says so).
/// </summary>
internal sealed class AlertsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Alerts";

    /// <summary>The outbox's name of the e-mail channel.</summary>
    public const string EmailChannel = "email";

    /// <summary>The outbox's name of the file channel.</summary>
    public const string FileChannelName = "file";

    /// <summary>The prefix of a webhook's channel name (<c>webhook:NAME</c>).</summary>
    public const string WebhookPrefix = "webhook:";

    /// <summary>The finance team's addresses: they get every exception, and whatever has no other recipient.</summary>
    public string[] Finance { get; init; } = [];

    /// <summary>The finance manager's addresses (escalations); finance when empty.</summary>
    public string[] FinanceManager { get; init; } = [];

    /// <summary>The sales manager's addresses (payment-cycle flags); finance when empty.</summary>
    public string[] SalesManager { get; init; } = [];

    /// <summary>
    /// Sales owners' addresses by the name the receivables give (an owner containing <c>@</c> is an address
    /// already). An owner with no address here goes to finance, with a note saying so.
    /// </summary>
    public IReadOnlyDictionary<string, string> SalesOwners { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// One message per recipient and channel per dispatch, listing every alert due; escalations and immediate
    /// alerts still go at once, one each.
    /// </summary>
    public bool Digest { get; init; }

    /// <summary>Send attempts before an alert is given up as failed.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before the first retry, doubled for each further attempt.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The mail server (e-mail is on when its host is set).</summary>
    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>Webhooks (chat robots, HTTP endpoints), each a channel.</summary>
    public WebhookOptions[] Webhooks { get; init; } = [];

    /// <summary>
    /// The file channel's folder (one JSON line per message in <c>alerts-yyyy-MM-dd.jsonl</c>); empty for
    /// <c>alerts/</c> under the data folder, or under the working directory without one.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>The file channel also when e-mail or webhooks are configured (it is on anyway when neither is).</summary>
    public bool FileChannel { get; init; }

    /// <summary>Whether e-mail is configured.</summary>
    public bool EmailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>Whether the file channel is on: asked for, or nothing else configured.</summary>
    public bool FileEnabled => FileChannel || (!EmailEnabled && Webhooks.Length == 0);

    /// <summary>The channels' names as the outbox stores them: <c>email</c>, <c>webhook:NAME</c> (in order), <c>file</c>.</summary>
    public IReadOnlyList<string> ChannelNames()
    {
        var names = new List<string>();
        if (EmailEnabled)
        {
            names.Add(EmailChannel);
        }

        names.AddRange(Webhooks.Select(w => WebhookPrefix + (w.Name ?? "").Trim()));
        if (FileEnabled)
        {
            names.Add(FileChannelName);
        }

        return names;
    }

    /// <summary>The webhook whose channel is <paramref name="channel"/> (<c>webhook:NAME</c>); null when none.</summary>
    public WebhookOptions? Webhook(string channel) =>
        channel.StartsWith(WebhookPrefix, StringComparison.Ordinal)
            ? Webhooks.FirstOrDefault(w => string.Equals((w.Name ?? "").Trim(), channel[WebhookPrefix.Length..], StringComparison.OrdinalIgnoreCase))
            : null;

    /// <summary>
    /// The file channel's folder, full path: <see cref="Folder"/> when set (relative to the working directory),
    /// else <paramref name="defaultFolder"/> (the caller's <c>alerts/</c> under the data folder or the working
    /// directory).
    /// </summary>
    public string FolderOr(string defaultFolder) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Folder) ? defaultFolder : Folder);

    /// <summary>The address a sales owner's name stands for (an owner with <c>@</c> is one already); null when unknown.</summary>
    public string? SalesOwnerAddress(string owner)
    {
        var name = owner.Trim();
        if (name.Length == 0)
        {
            return null;
        }

        if (name.Contains('@', StringComparison.Ordinal))
        {
            return name;
        }

        foreach (var (key, address) in SalesOwners)
        {
            if (string.Equals(key.Trim(), name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(address))
            {
                return address.Trim();
            }
        }

        return null;
    }

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckAddresses(problems, nameof(Finance), Finance);
        CheckAddresses(problems, nameof(FinanceManager), FinanceManager);
        CheckAddresses(problems, nameof(SalesManager), SalesManager);
        foreach (var (name, address) in SalesOwners)
        {
            if (!IsAddress(address))
            {
                problems.Add($"{Section}:{nameof(SalesOwners)}:{name} must be an e-mail address; it is \"{address}\".");
            }
        }

        if (MaxAttempts is < 1 or > 100)
        {
            problems.Add(Invariant($"{Section}:{nameof(MaxAttempts)} must be 1–100; it is {MaxAttempts}."));
        }

        if (RetryAfter <= TimeSpan.Zero || RetryAfter > TimeSpan.FromDays(1))
        {
            problems.Add(Invariant($"{Section}:{nameof(RetryAfter)} must be more than 0 and at most 1 day (e.g. 00:01:00); it is {RetryAfter}."));
        }

        CheckSmtp(problems);
        CheckWebhooks(problems);
        if (Folder is { } folder && folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"{Section}:{nameof(Folder)} \"{folder}\" is not a valid path.");
        }

        return problems;
    }

    private void CheckSmtp(List<string> problems)
    {
        var key = $"{Section}:{nameof(Smtp)}";
        if (Smtp.Port is < 1 or > 65535)
        {
            problems.Add(Invariant($"{key}:{nameof(SmtpOptions.Port)} must be 1–65535; it is {Smtp.Port}."));
        }

        if (!SmtpOptions.SecurityValues.Contains(Smtp.Security.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{key}:{nameof(SmtpOptions.Security)} must be {string.Join(", ", SmtpOptions.SecurityValues)}; it is \"{Smtp.Security}\".");
        }

        if (Smtp.Timeout <= TimeSpan.Zero || Smtp.Timeout > TimeSpan.FromMinutes(10))
        {
            problems.Add(Invariant($"{key}:{nameof(SmtpOptions.Timeout)} must be more than 0 and at most 10 minutes (e.g. 00:00:30); it is {Smtp.Timeout}."));
        }

        if (!EmailEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Smtp.From))
        {
            problems.Add($"{key}:{nameof(SmtpOptions.From)} is needed when {key}:{nameof(SmtpOptions.Host)} is set (the sender, e.g. \"Reconciler <reconciler@example.com>\").");
        }
        else if (!MailboxAddress.TryParse(Smtp.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"{key}:{nameof(SmtpOptions.From)} must be an e-mail address; it is \"{Smtp.From}\".");
        }

        if (!string.IsNullOrWhiteSpace(Smtp.UserName) && string.IsNullOrEmpty(Smtp.Password))
        {
            problems.Add($"{key}:{nameof(SmtpOptions.UserName)} is set but {key}:{nameof(SmtpOptions.Password)} is not (give it through the environment: RECONCILER_Alerts__Smtp__Password).");
        }
    }

    private void CheckWebhooks(List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Webhooks.Length; i++)
        {
            var hook = Webhooks[i];
            var key = Invariant($"{Section}:{nameof(Webhooks)}:{i}");
            if (string.IsNullOrWhiteSpace(hook.Name))
            {
                problems.Add($"{key}:{nameof(WebhookOptions.Name)} is needed (the channel is webhook:NAME in the outbox).");
            }
            else if (!names.Add(hook.Name.Trim()))
            {
                problems.Add($"{key}:{nameof(WebhookOptions.Name)} \"{hook.Name}\" is used by another webhook; names must differ.");
            }
            else if (hook.Name.Trim().Length > 100 || hook.Name.Any(c => char.IsControl(c) || c == '|'))
            {
                problems.Add($"{key}:{nameof(WebhookOptions.Name)} \"{hook.Name}\" must be at most 100 characters, without '|' or control characters.");
            }

            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                // Named by scheme and host only: the rest of a robot's address is its secret (path or query).
                var which = string.IsNullOrWhiteSpace(hook.Name) ? "" : $" (webhook \"{hook.Name.Trim()}\")";
                var what = url is null
                    ? string.IsNullOrWhiteSpace(hook.Url) ? "empty" : "not an absolute URL (not shown: a webhook's address can carry its key)"
                    : WebhookChannel.Origin(url) + (url.PathAndQuery.Length > 1 || url.UserInfo.Length > 0 || url.Fragment.Length > 0 ? " (the rest not shown: it can carry the webhook's key)" : "");
                problems.Add($"{key}:{nameof(WebhookOptions.Url)}{which} must be an http or https URL; it is {what}.");
            }

            if (!WebhookOptions.Formats.Contains(hook.Format.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{key}:{nameof(WebhookOptions.Format)} must be {string.Join(", ", WebhookOptions.Formats)}; it is \"{hook.Format}\".");
            }

            foreach (var audience in hook.Audiences)
            {
                if (!AudienceNames.Names.Contains(audience.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{key}:{nameof(WebhookOptions.Audiences)} \"{audience}\" is not an audience ({string.Join(", ", AudienceNames.Names)}).");
                }
            }

            if (hook.Timeout <= TimeSpan.Zero || hook.Timeout > TimeSpan.FromMinutes(10))
            {
                problems.Add(Invariant($"{key}:{nameof(WebhookOptions.Timeout)} must be more than 0 and at most 10 minutes (e.g. 00:00:30); it is {hook.Timeout}."));
            }
        }
    }

    private static void CheckAddresses(List<string> problems, string name, string[] addresses)
    {
        for (var i = 0; i < addresses.Length; i++)
        {
            if (!IsAddress(addresses[i]))
            {
                problems.Add(Invariant($"{Section}:{name}:{i} must be an e-mail address; it is \"{addresses[i]}\"."));
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> is one e-mail address (with a domain).</summary>
    public static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && MailboxAddress.TryParse(text.Trim(), out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
