using System.Globalization;
using Reconciler.Files;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Statements</c> configuration section: which bank profile reads statements (none: recognise or detect
/// it per file), where the user's profiles live, and the limits that keep a runaway or hostile file out.
/// </summary>
internal sealed class StatementsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Statements";

    /// <summary>The profile for every statement (a name or a <c>.json</c> path); empty to recognise or detect each file's.</summary>
    public string? Profile { get; init; }

    /// <summary>A folder of profile files (<c>*.json</c>) that are known beside the built-in ones and win over them.</summary>
    public string? ProfilesFolder { get; init; }

    /// <summary>The most transaction rows one statement file may have.</summary>
    public int MaxRows { get; init; } = ReadLimits.Default.MaxRows;

    /// <summary>The most bytes the parts of an <c>.xlsx</c> may expand to.</summary>
    public long MaxWorkbookBytes { get; init; } = WorkbookLimits.Default.MaxUncompressedBytes;

    /// <summary>The most a part of an <c>.xlsx</c> may expand relative to its compressed size.</summary>
    public double MaxCompressionRatio { get; init; } = WorkbookLimits.Default.MaxCompressionRatio;

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRows < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(MaxRows)} must be 1 or more; it is {MaxRows}."));
        }

        if (MaxWorkbookBytes < 1024)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(MaxWorkbookBytes)} must be at least 1024 bytes; it is {MaxWorkbookBytes}."));
        }

        if (!(MaxCompressionRatio >= 2))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(MaxCompressionRatio)} must be 2 or more; it is {MaxCompressionRatio}."));
        }

        if (!string.IsNullOrWhiteSpace(ProfilesFolder) && !Directory.Exists(ProfilesFolder))
        {
            problems.Add($"{Section}:{nameof(ProfilesFolder)} {ProfilesFolder} does not exist.");
        }

        return problems;
    }

    /// <summary>The read limits these options set.</summary>
    public ReadLimits Limits() => new()
    {
        MaxRows = MaxRows,
        Workbook = new WorkbookLimits { MaxUncompressedBytes = MaxWorkbookBytes, MaxCompressionRatio = MaxCompressionRatio },
    };

    /// <summary>The known profiles: built-in ones and the profiles folder's.</summary>
    /// <exception cref="ProfileException">A profile in the folder is invalid.</exception>
    public ProfileCatalog Catalog() => ProfileCatalog.Load(string.IsNullOrWhiteSpace(ProfilesFolder) ? null : ProfilesFolder);

    /// <summary>The profile <paramref name="named"/> (or the configured one); null to recognise or detect per file.</summary>
    public BankProfile? ChosenProfile(ProfileCatalog catalog, string? named)
    {
        var name = string.IsNullOrWhiteSpace(named) ? Profile : named;
        return string.IsNullOrWhiteSpace(name) ? null : catalog.Get(name);
    }
}
