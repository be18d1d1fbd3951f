using System.Net;
using System.Text;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>A real HTTP listener on loopback (<see cref="HttpListener"/>) that records each request and answers as told.</summary>
internal sealed class LoopbackHttp : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly List<ReceivedRequest> _requests = [];
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopbackHttp()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = SmtpServer.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{port}/";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The base URL, ending with a slash.</summary>
    public string Url { get; } = "";

    /// <summary>The answer to each request: status and body. 200 <c>ok</c> unless changed.</summary>
    public Func<ReceivedRequest, (int Status, string Body)> Respond { get; set; } = _ => (200, "ok");

    /// <summary>The requests received so far.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        // The loop stops on its own signal rather than on Close failing its pending GetContextAsync: in a full run that
        // wait once never ended (even after 30 s), a pending accept that Close did not complete.
        _stopping.TrySetResult();
        _listener.Close();
        if (!_loop.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the loopback HTTP listener did not stop");
        }
    }

    private async Task LoopAsync()
    {
        while (!_stopping.Task.IsCompleted)
        {
            Task<HttpListenerContext> next;
            try
            {
                next = _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (await Task.WhenAny(next, _stopping.Task) != next)
            {
                // Stopping: the pending accept ends with the listener (or never); its failure is observed, not thrown.
                _ = next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }

            HttpListenerContext context;
            try
            {
                context = await next;
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client went away (a timeout test) or the listener is closing: the next request is answered.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType ?? "", await reader.ReadToEndAsync());
        lock (_requests)
        {
            _requests.Add(request);
        }

        var (status, body) = Respond(request);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
