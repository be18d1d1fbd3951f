using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Storage.Erp;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Receivables:Erp</c> settings: receivables read by a SQL query from the ERP's own database (SQLite,
/// PostgreSQL or SQL Server) instead of, or besides, a receivables file; the result's columns mapped by name; the
/// status values that mean paid or cancelled; and whether the query gives the ERP's complete list. The connection
/// string is a secret: give it through the environment (<c>RECONCILER_Receivables__Erp__ConnectionString</c>).
/// Without <see cref="Provider"/>, <see cref="ConnectionString"/> and <see cref="Query"/>, there is no ERP source.
/// </summary>
internal sealed class ErpOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = ReceivablesOptions.Section + ":Erp";

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>sqlserver</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>The ERP database's connection string; for <c>sqlite</c>, a file path or a connection string.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The query, without parameters, that gives one row per receivable.</summary>
    public string? Query { get; init; }

    /// <summary>The result's column of each receivable field.</summary>
    public ErpColumnOptions Columns { get; init; } = new();

    /// <summary>Status values that mean paid; null for <c>paid</c>.</summary>
    public string[]? PaidValues { get; init; }

    /// <summary>Status values that mean cancelled; null for <c>cancelled</c>, <c>canceled</c>.</summary>
    public string[]? CancelledValues { get; init; }

    /// <summary>True when the query gives every receivable the ERP holds: the ledger's receivables from it that the result lacks are cancelled.</summary>
    public bool Complete { get; init; }

    /// <summary>How long the query may run.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>True when any of provider, connection string and query is set: the ERP source is meant to be used.</summary>
    public bool IsConfigured() => !string.IsNullOrWhiteSpace(Provider) || !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(Query);

    /// <summary>Checks the options and returns one message per problem, naming the setting; none when the source is not configured.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsConfigured())
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(Provider))
        {
            problems.Add($"{Section}:{nameof(Provider)} is needed: the ERP database's kind, sqlite, postgres or sqlserver.");
        }
        else if (!StoreLocation.TryParseProvider(Provider, out var provider))
        {
            problems.Add($"{Section}:{nameof(Provider)} \"{Provider}\" is not sqlite, postgres or sqlserver.");
        }
        else if (provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(ConnectionString) && SqliteFile(ConnectionString) is { } file && !File.Exists(file))
        {
            problems.Add($"{Section}:{nameof(ConnectionString)}: the SQLite file {file} does not exist.");
        }
        else if (!string.IsNullOrWhiteSpace(ConnectionString) && new ErpSource(provider, ConnectionString, "").ConnectionStringProblem() is { } unreadable)
        {
            problems.Add($"{Section}:{nameof(ConnectionString)} is not a {Provider} connection string: {unreadable}");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{Section}:{nameof(ConnectionString)} is needed: the ERP database's connection string, a secret to give through the environment (RECONCILER_Receivables__Erp__ConnectionString); for sqlite, the file's path.");
        }

        if (string.IsNullOrWhiteSpace(Query))
        {
            problems.Add($"{Section}:{nameof(Query)} is needed: the SQL query, without parameters, that gives one row per receivable.");
        }

        problems.AddRange(Columns.Validate($"{Section}:{nameof(Columns)}"));
        ValidateValues(problems, nameof(PaidValues), PaidValues);
        ValidateValues(problems, nameof(CancelledValues), CancelledValues);
        var paid = PaidValues ?? [];
        if ((CancelledValues ?? []).FirstOrDefault(v => paid.Any(p => string.Equals(p?.Trim(), v?.Trim(), StringComparison.OrdinalIgnoreCase))) is { } both)
        {
            problems.Add($"{Section}: \"{both}\" is in both {nameof(PaidValues)} and {nameof(CancelledValues)}; a status means one or the other.");
        }

        if ((PaidValues is not null || CancelledValues is not null) && string.IsNullOrWhiteSpace(Columns.Status))
        {
            problems.Add($"{Section}:{nameof(PaidValues)} and {nameof(CancelledValues)} are read from a status column: name it in {Section}:{nameof(Columns)}:{nameof(ErpColumnOptions.Status)}.");
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > MaxTimeout)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(CommandTimeout)} must be between 00:00:01 and 1.00:00:00 (hh:mm:ss); it is {CommandTimeout}."));
        }

        return problems;
    }

    /// <summary>
    /// The ERP source the configuration describes, or null when there is none. Dates given as text are read in
    /// <c>Receivables:DateFormats</c> (and ISO 8601), and an empty currency is <c>Receivables:DefaultCurrency</c>, as
    /// for a receivables file.
    /// </summary>
    /// <exception cref="ConfigurationException">The settings are invalid (every problem listed, each naming its key).</exception>
    public static ErpSource? Source(IConfiguration configuration, ReceivableColumns files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var options = ReconcilerConfiguration.Erp(configuration);
        if (!options.IsConfigured())
        {
            return null;
        }

        if (!StoreLocation.TryParseProvider(options.Provider, out var provider))
        {
            throw new ConfigurationException($"{Section}:{nameof(Provider)} \"{options.Provider}\" is not sqlite, postgres or sqlserver.");
        }

        var connection = provider == StorageProvider.Sqlite && SqliteFile(options.ConnectionString!) is { } file
            ? new SqliteConnectionStringBuilder { DataSource = file }.ToString()
            : options.ConnectionString!;
        return new ErpSource(provider, connection, options.Query!)
        {
            Columns = options.Columns.ToColumns(),
            PaidValues = Trimmed(options.PaidValues) ?? ["paid"],
            CancelledValues = Trimmed(options.CancelledValues) ?? ["cancelled", "canceled"],
            Complete = options.Complete,
            CommandTimeout = options.CommandTimeout,
            DefaultCurrency = files.DefaultCurrency,
            DateFormats = files.DateFormats,
        };
    }

    /// <summary>The full path of a SQLite file given as a path (not as a connection string); null for a connection string.</summary>
    private static string? SqliteFile(string text) => text.Contains('=', StringComparison.Ordinal) ? null : Path.GetFullPath(text.Trim());

    private static string[]? Trimmed(string[]? values) => values?.Select(v => v.Trim()).ToArray();

    private static void ValidateValues(List<string> problems, string key, string[]? values)
    {
        if (values is { Length: 0 })
        {
            problems.Add($"{Section}:{key} needs at least one value.");
        }

        foreach (var (value, i) in (values ?? []).Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{key}:{i} is empty; give the status value as the ERP writes it, such as \"已收款\"."));
            }
        }
    }
}
