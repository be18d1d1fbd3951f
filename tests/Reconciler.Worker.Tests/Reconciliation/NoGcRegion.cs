namespace Reconciler.Worker.Tests.Reconciliation;

/// <summary>Tests that start the runtime's no-GC region, which is the whole process's: they run alone.</summary>
[CollectionDefinition(nameof(NoGcRegion), DisableParallelization = true)]
public sealed class NoGcRegion;
