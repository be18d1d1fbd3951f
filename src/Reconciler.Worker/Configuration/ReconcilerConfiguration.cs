using Microsoft.Extensions.Configuration;
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
            throw new ConfigurationException($"configuration file {used} is not valid JSON: {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"configuration file {used} cannot be read: {error.Message}", error);
        }
    }

    /// <summary>
    /// The configuration sections Reconciler reads; any other top-level key in the file is a mistake. (Environment
    /// variables are not checked: <c>RECONCILER_</c> also prefixes variables that are not settings, such as the
    /// test database's connection string.)
    /// </summary>
    public static IReadOnlyList<string> KnownSections { get; } = [MatchingOptions.Section];

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
    public static MatchingOptions Matching(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        MatchingOptions options;
        try
        {
            options = configuration.GetSection(MatchingOptions.Section).Get<MatchingOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new MatchingOptions();
        }
        catch (InvalidOperationException error)
        {
            throw new ConfigurationException($"section {MatchingOptions.Section}: {error.InnerException?.Message ?? error.Message}", error);
        }

        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ConfigurationException(string.Join(Environment.NewLine, problems));
        }

        return options;
    }
}
