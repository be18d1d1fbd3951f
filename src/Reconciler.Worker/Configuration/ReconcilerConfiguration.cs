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
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                throw new ConfigurationException($"configuration file {file} does not exist");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.GetFullPath(DefaultFile), optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("RECONCILER_");
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        try
        {
            var configuration = builder.Build();
            var used = file ?? (File.Exists(DefaultFile) ? DefaultFile : null);
            if (used is not null)
            {
                RejectUnknownSections(new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(used), optional: false, reloadOnChange: false).Build(), used);
            }

            return configuration;
        }
        catch (InvalidDataException error)
        {
            throw new ConfigurationException($"configuration file {file ?? DefaultFile} is not valid JSON: {error.Message}", error);
        }
        catch (FormatException error)
        {
            throw new ConfigurationException($"configuration file {file ?? DefaultFile} is not valid JSON: {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"configuration file {file ?? DefaultFile} cannot be read: {error.Message}", error);
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
