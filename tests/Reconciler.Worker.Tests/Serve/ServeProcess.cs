using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>
/// A real <c>reconciler serve</c> child process (<c>dotnet reconciler.dll serve …</c>, the build copied next to the
/// tests) with <c>/health</c> on a free loopback port: started, polled, killed (its whole tree) when disposed. Its
/// standard output and error are captured, and every wait is bounded and fails with that output in its message.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // setpriv, signals, file modes
internal sealed class ServeProcess : IDisposable
{
    /// <summary>How long a wait lasts unless told otherwise.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(90);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly string _name;

    private ServeProcess(Process process, int port, string name)
    {
        _process = process;
        Port = port;
        _name = name;
    }

    /// <summary>The port of <c>/health</c> on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The process id (of <c>dotnet</c> itself; <c>setpriv</c> execs into it).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process has printed so far, both streams interleaved as they came.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The <c>reconciler.dll</c> the test project's build copied beside the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "reconciler.dll");

    /// <summary>
    /// The <c>reconciler.dll</c> user nobody can run: the build's own when nobody can reach it, else a copy of the
    /// build folder in the temp folder (a clone under a folder only root may enter, such as <c>/root</c>).
    /// </summary>
    private static readonly Lazy<string> NobodyDll = new(() =>
    {
        using (var probe = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r", Dll]) { UseShellExecute = false }))
        {
            if (probe is not null && probe.WaitForExit(10_000) && probe.ExitCode == 0)
            {
                return Dll;
            }
        }

        // One copy per build folder, made again each test run (the test host may end without running exit handlers).
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..16];
        var copy = Path.Combine(Path.GetTempPath(), "reconciler-nobody-bin-" + key);
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        foreach (var folder in Directory.EnumerateDirectories(copy, "*", SearchOption.AllDirectories).Append(copy))
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }

        return Path.Combine(copy, "reconciler.dll");
    });

    /// <summary>The <c>dotnet</c> host running the tests (or the one on the path).</summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>True when the tests run as root (who reads any file whatever its permissions).</summary>
    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Starts <c>serve</c> with the given settings; returns once the process is running (not yet ready: see <see cref="WaitHealthyAsync"/>).</summary>
    public static ServeProcess Start(ServeStart start, string name = "serve")
    {
        ArgumentNullException.ThrowIfNull(start);
        var port = start.Port ?? FreePort();
        var info = new ProcessStartInfo
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        var args = new List<string>();
        if (start.AsNobody)
        {
            // root reads anything: a worker that must meet a file it may not read runs as nobody.
            info.FileName = "setpriv";
            args.AddRange(["--reuid=65534", "--regid=65534", "--clear-groups", Dotnet]);
            info.Environment["HOME"] = start.WorkingDirectory;
            info.Environment["DOTNET_CLI_HOME"] = start.WorkingDirectory;
        }
        else
        {
            info.FileName = Dotnet;
        }

        args.AddRange([start.AsNobody ? NobodyDll.Value : Dll, "serve", "--config", start.Config, "--watch", start.Watch, "--receivables", start.Receivables, "--port", port.ToString(CultureInfo.InvariantCulture)]);
        if (start.Data is not null)
        {
            args.AddRange(["--data", start.Data]);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The worker reads RECONCILER_* from the environment: only what the test gives may reach it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("RECONCILER_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in start.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var serve = new ServeProcess(process, port, name);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{Dotnet} {Dll} serve could not be started");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>GET /health: the status code and the JSON body (null when it did not answer).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)?> HealthAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Port}/health")).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var json = JsonDocument.Parse(text);
            return (response.StatusCode, json.RootElement.Clone());
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits until /health answers 200 (healthy: database reachable and migrated, folder there).</summary>
    public Task<JsonElement> WaitHealthyAsync(TimeSpan? timeout = null) =>
        WaitHealthAsync(h => h.Status == HttpStatusCode.OK, "/health to answer 200 (healthy)", timeout);

    /// <summary>Waits until /health answers and <paramref name="condition"/> holds of its answer; returns that answer's body.</summary>
    public async Task<JsonElement> WaitHealthAsync(Func<(HttpStatusCode Status, JsonElement Body), bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        JsonElement? last = null;
        var limit = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await HealthAsync().ConfigureAwait(false) is { } health)
            {
                last = health.Body;
                if (condition(health))
                {
                    return health.Body;
                }
            }

            FailIfExited(what);
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{_name}: waited {limit.TotalSeconds:0} s for {what}; last /health: {last?.ToString() ?? "(no answer)"}\n{Describe()}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polled every 100 ms unless told), failing with the output after the timeout.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            FailIfExited(what);

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{_name}: waited {limit.TotalSeconds:0} s for {what}\n{Describe()}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the output holds <paramref name="text"/> (polled every 10 ms, so a test can act right after).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            FailIfExited($"the output to say \"{text}\"");
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{_name}: waited {limit.TotalSeconds:0} s for the output to say \"{text}\"\n{Describe()}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the worker has nothing left to do: inbox and processing/ empty, no job enqueued, scheduled or running, twice in a row.</summary>
    public async Task WaitIdleAsync(TimeSpan? timeout = null)
    {
        var quiet = 0;
        await WaitHealthAsync(
            h =>
            {
                quiet = IsIdle(h.Body) ? quiet + 1 : 0;
                return quiet >= 3;
            },
            "the worker to be idle (inbox and processing/ empty, no job enqueued, scheduled or running)",
            timeout).ConfigureAwait(false);
    }

    /// <summary>Kills the process and everything it started (SIGKILL), and waits for it to end.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the worker does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(kill.WaitForExit(10_000), "kill -TERM did not return");
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end on its own; its exit code, or a failure with the output after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{_name}: did not exit within {timeout.TotalSeconds:0} s\n{Describe()}");
        }

        _process.WaitForExit(); // the output streams drained
        return _process.ExitCode;
    }

    /// <summary>The process's name, state and output, for a failure message.</summary>
    public string Describe() =>
        $"--- {_name} (pid {Id}{(HasExited ? $", exited with {_process.ExitCode}" : ", running")}) output:\n{Output}--- end of {_name} output";

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static bool IsIdle(JsonElement health)
    {
        var folder = health.GetProperty("folder");
        if (folder.GetProperty("inbox").GetInt32() != 0 || folder.GetProperty("processing").GetInt32() != 0)
        {
            return false;
        }

        return health.GetProperty("jobs") is { ValueKind: JsonValueKind.Object } jobs
            && jobs.GetProperty("enqueued").GetInt64() == 0
            && jobs.GetProperty("scheduled").GetInt64() == 0
            && jobs.GetProperty("processing").GetInt64() == 0;
    }

    private void FailIfExited(string what)
    {
        if (_process.HasExited)
        {
            _process.WaitForExit();
            Assert.Fail($"{_name}: exited while the test waited for {what}\n{Describe()}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
