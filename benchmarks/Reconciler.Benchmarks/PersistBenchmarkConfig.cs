using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Reconciler.Benchmarks;

/// <summary>
/// Adds <see cref="PersistBenchmark"/>'s Rows/s column: the benchmark process leaves the rows one call writes in a
/// file (the host cannot know them without generating, importing and matching the data itself), the column divides
/// them by the mean.
/// </summary>
public sealed class PersistBenchmarkConfig : ManualConfig
{
    public PersistBenchmarkConfig() => AddColumn(new RowsColumn(false), new RowsColumn(true));

    /// <summary>Where the benchmark process leaves the rows of one case.</summary>
    public static string RowsFile(string method, string database, int receivables) =>
        Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"reconciler-persist-rows-{method}-{database}-{receivables}.txt"));

    private static long? Rows(BenchmarkCase benchmark)
    {
        var database = benchmark.Parameters["Database"]?.ToString() ?? "";
        var receivables = Convert.ToInt32(benchmark.Parameters["Receivables"], CultureInfo.InvariantCulture);
        var file = RowsFile(benchmark.Descriptor.WorkloadMethod.Name, database, receivables);
        return File.Exists(file) ? long.Parse(File.ReadAllText(file), CultureInfo.InvariantCulture) : null;
    }

    private sealed class RowsColumn(bool perSecond) : IColumn
    {
        public string Id => perSecond ? "PersistRowsPerSecond" : "PersistRows";

        public string ColumnName => perSecond ? "Rows/s" : "Rows";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => perSecond ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => perSecond ? "Rows written per second (rows / mean)" : "Rows written by one call (lines; or lines decided + allocation rows)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (Rows(benchmarkCase) is not { } rows)
            {
                return "?";
            }

            if (!perSecond)
            {
                return rows.ToString("N0", CultureInfo.InvariantCulture);
            }

            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (rows / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "?";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
