namespace Reconciler.Worker.Tests.Erp;

/// <summary>
/// Tests that set <c>RECONCILER_Receivables__Erp__*</c> process environment variables, which every configuration
/// load of the process reads: they run alone, after the parallel tests, so no other test sees an ERP it did not ask for.
/// </summary>
[CollectionDefinition(nameof(ErpEnvironment), DisableParallelization = true)]
public sealed class ErpEnvironment;
