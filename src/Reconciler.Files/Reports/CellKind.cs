namespace Reconciler.Files;

/// <summary>How a report cell is shown: each kind has its number format (see <see cref="Styles"/>).</summary>
internal enum CellKind
{
    Text,
    QuotedText,
    Integer,
    Decimal,
    Money,
    Date,
    DateTime,
    Percent,
}
