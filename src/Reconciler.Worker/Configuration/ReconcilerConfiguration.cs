using System.Reflection;
using Microsoft.Extensions.Configuration;
using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Loads <c>reconciler.json</c> (or the file given) and the environment variables <c>RECONCILER_Section__Key</c>,
/// the latter winning, and binds and validates the options the commands use.
/// </summary>
internal static class ReconcilerConfiguration
{
    /// <summary>The configuration file looked for in the working directory when none is given.</summary>
    public const string DefaultFile = "reconciler.json";

    /// <summary>Builds the configuration; a named file that does not exist is an error, the default file is optional.</summary>
    public static IConfiguration Load(string? file, IDictionary<string, string?>? overrides = null)
    {
        if (file is not null && !File.Exists(Path.GetFullPath(file)))
        {
            throw new ConfigurationException($"configuration file {file} does not exist");
        }

        var used = file ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        var builder = new ConfigurationBuilder();
        try
        {
            if (used is not null)
            {
                // The file is read once: checked on its own (environment variables are not settings only), then
                // layered under the environment.
                var fileOnly = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(used), optional: false, reloadOnChange: false).Build();
                RejectUnknownSections(fileOnly, used);
                builder.AddConfiguration(fileOnly);
            }

            builder.AddEnvironmentVariables("RECONCILER_");
            if (overrides is not null)
            {
                builder.AddInMemoryCollection(overrides);
            }

            return builder.Build();
        }
        catch (Exception error) when (error is InvalidDataException or FormatException)
        {
            throw new ConfigurationException($"configuration file {used} is not valid JSON: {JsonProblem(Path.GetFullPath(used!), error)}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"configuration file {used} cannot be read: {error.Message}", error);
        }
    }

    /// <summary>
    /// Where and what is wrong in a configuration file the JSON provider refused: "line 4, position 5: …" from the
    /// <see cref="System.Text.Json.JsonException"/> the provider wraps (its line and byte counts start at 0; these at
    /// 1, and the position counts characters, so a line with Chinese text points at the right one), or the
    /// provider's own message (a duplicate key) when there is none.
    /// </summary>
    internal static string JsonProblem(string file, Exception error)
    {
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } bytes } json)
            {
                // "'o' is an invalid start of a value. LineNumber: 3 | BytePositionInLine: 4.": the reader's own
                // counts, from 0, are replaced by the ones an editor shows.
                var message = json.Message;
                var counts = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                message = (counts >= 0 ? message[..counts] : message).Trim().TrimEnd('.');
                return string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"line {line + 1}, position {Column(file, line, bytes)}: {message}");
            }
        }

        return error.InnerException is FormatException { Message: var provider } && error is InvalidDataException
            ? provider
            : error.Message;
    }

    /// <summary>The 1-based character position of byte <paramref name="bytes"/> of line <paramref name="line"/> (both from 0) of a UTF-8 file.</summary>
    private static long Column(string file, long line, long bytes)
    {
        try
        {
            var text = File.ReadLines(file).Skip((int)Math.Min(line, int.MaxValue)).FirstOrDefault();
            if (text is not null)
            {
                var encoded = System.Text.Encoding.UTF8.GetBytes(text);
                return System.Text.Encoding.UTF8.GetCharCount(encoded, 0, (int)Math.Min(bytes, encoded.Length)) + 1;
            }
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            // Read a moment ago; if it cannot be read again, the reader's byte count is the best there is.
        }

        return bytes + 1;
    }

    /// <summary>
    /// The configuration sections Reconciler reads; any other top-level key in the file is a mistake. (Environment
    /// variables are not checked: <c>RECONCILER_</c> also prefixes variables that are not settings, such as the
    /// test database's connection string.)
    /// </summary>
    public static IReadOnlyList<string> KnownSections { get; } = [MatchingOptions.Section, ReceivablesOptions.Section, StatementsOptions.Section, StorageOptions.Section, RulesOptions.Section, AlertsOptions.Section, WorkerOptions.Section];

    private static void RejectUnknownSections(IConfiguration fileOnly, string file)
    {
        var unknown = fileOnly.GetChildren()
            .Select(section => section.Key)
            .Where(key => !KnownSections.Contains(key, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(
                $"configuration file {file}: unknown section{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}; known: {string.Join(", ", KnownSections)}");
        }
    }

    /// <summary>Binds and validates the matching options; throws with every problem listed.</summary>
    public static MatchingOptions Matching(IConfiguration configuration) =>
        Bind<MatchingOptions>(configuration, MatchingOptions.Section, checkKeys: false, o => o.Validate());

    /// <summary>
    /// Binds and validates the <c>Receivables</c> section into the column map of the receivables file; throws with
    /// every problem listed, each naming its key (an unknown key too, with the known ones).
    /// </summary>
    public static ReceivableColumns Receivables(IConfiguration configuration) =>
        Bind<ReceivablesOptions>(configuration, ReceivablesOptions.Section, checkKeys: true, o => o.Validate(), clearEmpty: true).ToColumns();

    /// <summary>
    /// Binds and validates the <c>Receivables:Erp</c> settings (the ERP's receivables query); throws with every
    /// problem listed, each naming its key.
    /// </summary>
    public static ErpOptions Erp(IConfiguration configuration) =>
        Bind<ErpOptions>(configuration, ErpOptions.Section, checkKeys: true, o => o.Validate(), clearEmpty: true);

    /// <summary>
    /// Binds and validates the <c>Statements</c> section (profile, profiles folder, limits); throws with every
    /// problem listed, each naming its key.
    /// </summary>
    public static StatementsOptions Statements(IConfiguration configuration) =>
        Bind<StatementsOptions>(configuration, StatementsOptions.Section, checkKeys: true, o => o.Validate());

    /// <summary>Binds and validates the <c>Storage</c> section (provider and connection string of the ledger).</summary>
    public static StorageOptions Storage(IConfiguration configuration) =>
        Bind<StorageOptions>(configuration, StorageOptions.Section, checkKeys: true, o => o.Validate());

    /// <summary>Binds and validates the <c>Rules</c> section (thresholds and rules declared in configuration).</summary>
    public static RulesOptions Rules(IConfiguration configuration) =>
        Bind<RulesOptions>(configuration, RulesOptions.Section, checkKeys: true, o => o.Validate());

    /// <summary>Binds and validates the <c>Alerts</c> section (recipients, channels, digest, retries).</summary>
    public static AlertsOptions Alerts(IConfiguration configuration) =>
        Bind<AlertsOptions>(configuration, AlertsOptions.Section, checkKeys: true, o => o.Validate());

    /// <summary>Binds and validates the <c>Worker</c> section (watched folder, schedule, dashboard).</summary>
    public static WorkerOptions Worker(IConfiguration configuration) =>
        Bind<WorkerOptions>(configuration, WorkerOptions.Section, checkKeys: true, o => o.Validate());

    /// <summary>
    /// Binds one section to its options class (defaults where the section is silent) and validates it; throws one
    /// <see cref="ConfigurationException"/> listing every problem, unknown keys by their full path.
    /// </summary>
    private static T Bind<T>(IConfiguration configuration, string name, bool checkKeys, Func<T, IReadOnlyList<string>> validate, bool clearEmpty = false)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (checkKeys)
        {
            var unknown = new List<string>();
            FindUnknownKeys(section, typeof(T), unknown);
            if (unknown.Count > 0)
            {
                throw new ConfigurationException(string.Join(Environment.NewLine, unknown));
            }
        }

        T options;
        try
        {
            options = section.Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException error)
        {
            throw new ConfigurationException($"section {name}: {error.InnerException?.Message ?? error.Message}", error);
        }

        if (clearEmpty)
        {
            ClearEmptyKeys(section, options);
        }

        if (validate(options) is { Count: > 0 } problems)
        {
            throw new ConfigurationException(string.Join(Environment.NewLine, problems));
        }

        return options;
    }

    /// <summary>
    /// Sets to null every setting given as JSON <c>null</c> or <c>""</c> (an empty environment variable too), which is
    /// how a mapping says "the export has no such column". Layered configuration hands both to the binder as no
    /// value, which would keep the default column name instead.
    /// </summary>
    private static void ClearEmptyKeys(IConfigurationSection section, object target)
    {
        foreach (var child in section.GetChildren())
        {
            var property = target.GetType().GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                continue;
            }

            var nested = child.GetChildren().Any();
            if (!nested && string.IsNullOrEmpty(child.Value) && (property.PropertyType == typeof(string) || property.PropertyType.IsArray))
            {
                property.SetValue(target, null);
            }
            else if (nested && property.GetValue(target) is { } value && property.PropertyType.IsClass && !property.PropertyType.IsArray)
            {
                ClearEmptyKeys(child, value);
            }
        }
    }

    /// <summary>Keys of a section that no property of <paramref name="type"/> (or of its nested settings) takes, by full path.</summary>
    private static void FindUnknownKeys(IConfigurationSection section, Type type, List<string> unknown)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                unknown.Add($"{child.Path} is not a setting; {section.Path} has {string.Join(", ", properties.Select(p => p.Name))}");
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray
                && !typeof(System.Collections.IDictionary).IsAssignableFrom(property.PropertyType))
            {
                // A dictionary's keys are the user's names (customer groups, sales owners), not settings.
                FindUnknownKeys(child, property.PropertyType, unknown);
            }
        }
    }
}
