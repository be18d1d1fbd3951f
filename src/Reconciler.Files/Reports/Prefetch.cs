using System.Collections.Concurrent;

namespace Reconciler.Files;

/// <summary>
/// Reads a sequence ahead on another thread, into a bounded buffer, so that producing rows (a database query, mapping
/// them) and writing them (XML, compression) use both cores of a small machine; at most the buffer's items are in memory.
/// </summary>
internal static class Prefetch
{
    /// <summary>
    /// The items of <paramref name="source"/>, in order, read ahead by up to <paramref name="capacity"/> on a
    /// worker thread. An exception of the source comes out of the enumeration, at the point the reader reaches it;
    /// stopping early stops the worker.
    /// </summary>
    public static IEnumerable<T> Ahead<T>(IEnumerable<T> source, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return Iterate(source, capacity);
    }

    private static IEnumerable<T> Iterate<T>(IEnumerable<T> source, int capacity)
    {
        using var buffer = new BlockingCollection<T>(capacity);
        using var stop = new CancellationTokenSource();
        var token = stop.Token;
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var item in source)
                    {
                        buffer.Add(item, token);
                    }
                }
                finally
                {
                    buffer.CompleteAdding();
                }
            },
            token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var item in buffer.GetConsumingEnumerable())
            {
                yield return item;
            }

            // The source's own failure, if any, where the reader would have met it.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // Stopped early (the writer failed): the worker stops at its next item; wait for it, without throwing
            // over the exception already on its way.
            stop.Cancel();
            ((IAsyncResult)producer).AsyncWaitHandle.WaitOne();
        }
    }
}
