using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Reconciler.Worker.Tests.Watch;

/// <summary>A Hangfire client that records the jobs it is given instead of storing them.</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Jobs { get; } = [];

    public IEnumerable<string> Calls => Jobs.Select(j => $"{j.Method.Name}({string.Join(", ", j.Args.Where(a => a is not CancellationToken))})");

    public string Create(Job job, IState state)
    {
        Jobs.Add(job);
        return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
