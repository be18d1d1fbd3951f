namespace Reconciler.Files;

/// <summary>
/// The profiles Reconciler knows: the built-in ones (one per bank layout it has been taught, plus
/// <see cref="BankProfile.Generic"/>) and the JSON files in the user's profiles folder, which win over a built-in
/// profile of the same name.
/// </summary>
public sealed class ProfileCatalog
{
    private static readonly Lazy<ProfileCatalog> BuiltInCatalog = new(() => new ProfileCatalog(LoadBuiltIn()));

    private ProfileCatalog(IReadOnlyList<BankProfile> profiles, string? folder = null)
    {
        Profiles = profiles;
        Folder = folder;
    }

    /// <summary>The built-in profiles only.</summary>
    public static ProfileCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The known profiles, user profiles first, then built-in ones, the generic layout last.</summary>
    public IReadOnlyList<BankProfile> Profiles { get; }

    /// <summary>The user's profiles folder the catalog was loaded from; null when there is none.</summary>
    public string? Folder { get; }

    /// <summary>A catalog of exactly these profiles (none: every file is detected from scratch).</summary>
    public static ProfileCatalog Of(IEnumerable<BankProfile> profiles) => new([.. profiles]);

    /// <summary>The built-in profiles plus every <c>*.json</c> profile in <paramref name="folder"/> (when given).</summary>
    /// <exception cref="ProfileException">The folder does not exist, or a profile in it is invalid (named with its problems).</exception>
    public static ProfileCatalog Load(string? folder)
    {
        if (folder is null)
        {
            return BuiltIn;
        }

        if (!Directory.Exists(folder))
        {
            throw new ProfileException($"profiles folder {folder} does not exist");
        }

        var user = Directory.EnumerateFiles(folder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(ProfileJson.ReadFile)
            .ToList();
        var twice = user.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ProfileException($"profiles folder {folder}: the name {twice.Key} is used by {string.Join(" and ", twice.Select(p => p.Origin))}");
        }

        var names = user.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ProfileCatalog([.. user, .. BuiltIn.Profiles.Where(p => !names.Contains(p.Name))], folder);
    }

    /// <summary>
    /// The profile named <paramref name="nameOrPath"/>: a known profile's name, or the path of a profile file.
    /// </summary>
    /// <exception cref="ProfileException">No such profile; the message lists the known names.</exception>
    public BankProfile Get(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        var known = Profiles.FirstOrDefault(p => string.Equals(p.Name, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
        {
            return known;
        }

        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(nameOrPath))
        {
            return ProfileJson.ReadFile(nameOrPath);
        }

        throw new ProfileException($"no profile {nameOrPath}: give a profile file (.json) or one of {string.Join(", ", Profiles.Select(p => p.Name))}");
    }

    private static List<BankProfile> LoadBuiltIn()
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        var profiles = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("profiles/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return ProfileJson.Read(stream, "built-in") with { Origin = "built-in" };
            })
            .ToList();
        profiles.Add(BankProfile.Generic);
        return profiles;
    }
}
