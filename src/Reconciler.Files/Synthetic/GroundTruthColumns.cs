namespace Reconciler.Files;

/// <summary>The columns of a ground-truth file, in order: <c>file, row, case, status, contracts</c>.</summary>
internal static class GroundTruthColumns
{
    public const string File = "file";
    public const string Row = "row";
    public const string Case = "case";
    public const string Status = "status";
    public const string Contracts = "contracts";

    /// <summary>The contracts separator.</summary>
    public const char Separator = ';';
}
