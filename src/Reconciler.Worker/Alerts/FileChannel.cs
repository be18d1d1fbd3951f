using System.Globalization;
using System.Text;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// A folder of JSON lines: each message is one line appended to <c>alerts-yyyy-MM-dd.jsonl</c> (the UTC date),
/// for a person to read or another tool to pick up. The folder is created when missing.
/// </summary>
internal sealed class FileChannel : IAlertChannel
{
    private static readonly SemaphoreSlim Writing = new(1, 1);
    private readonly TimeProvider _clock;

    public FileChannel(string folder, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        _clock = clock ?? TimeProvider.System;
    }

    public string Name => AlertsOptions.FileChannelName;

    /// <summary>The folder the files are in.</summary>
    public string Folder { get; }

    /// <summary>The file a message sent at <paramref name="at"/> goes to.</summary>
    public string FileFor(DateTimeOffset at) =>
        Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"alerts-{at.UtcDateTime:yyyy-MM-dd}.jsonl"));

    /// <summary>One line per message, however many alerts it carries.</summary>
    public IReadOnlyList<AlertMessage> Split(AlertMessage message) => [message];

    public async Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var at = _clock.GetUtcNow();
        var line = AlertJson.Message(message);
        line.Insert(0, "at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString(AlertJson.Options) + "\n");
        await Writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Folder);

            // One write of the whole line at the file's end as it is then: lines other processes append (a worker and a
            // command sending at the same moment) are neither overwritten nor interleaved, on a local file system.
            AppendOnly.Write(FileFor(at), bytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AlertDeliveryException($"file channel: cannot append to {FileFor(at)}: {error.Message}", error);
        }
        finally
        {
            Writing.Release();
        }
    }
}
