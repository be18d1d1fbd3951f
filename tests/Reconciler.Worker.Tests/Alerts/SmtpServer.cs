using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd (<c>/usr/bin/python3 -m aiosmtpd</c>) with a handler
/// that saves each mail it accepts to a folder (and refuses recipients whose address starts with <c>reject</c>).
/// Without python3-aiosmtpd the test is skipped with a message, or fails under CI (<c>CI=true</c>).
/// </summary>
internal sealed class SmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private const string Handler = """
        import os
        import uuid


        class Saver:
            def __init__(self, folder):
                self.folder = folder

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower().startswith("reject"):
                    return "550 5.1.1 <%s>: mailbox unavailable" % address
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                name = uuid.uuid4().hex
                with open(os.path.join(self.folder, name + ".rcpt"), "w", encoding="utf-8") as f:
                    f.write("\n".join(envelope.rcpt_tos))
                with open(os.path.join(self.folder, name + ".tmp"), "wb") as f:
                    f.write(envelope.original_content)
                os.rename(os.path.join(self.folder, name + ".tmp"), os.path.join(self.folder, name + ".eml"))
                return "250 OK saved"
        """;

    private readonly TempFolder _temp = new();
    private readonly Process _process;

    private SmtpServer(int port)
    {
        Port = port;
        Directory.CreateDirectory(Mails);
        File.WriteAllText(_temp.File("savehandler.py"), Handler);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "savehandler.Saver", Mails])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONPATH"] = _temp.Path;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Mails => _temp.File("mails");

    private List<string> Output { get; } = [];

    /// <summary>Starts a server on a free port and waits until it accepts connections.</summary>
    public static SmtpServer Start()
    {
        RequireAiosmtpd();
        var server = new SmtpServer(FreePort());
        try
        {
            server.WaitForPort(TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The mails received, waiting up to <paramref name="timeout"/> until there are <paramref name="expected"/>.</summary>
    public IReadOnlyList<ReceivedMail> WaitForMails(int expected, TimeSpan? timeout = null)
    {
        var until = Stopwatch.StartNew();
        while (Directory.GetFiles(Mails, "*.eml").Length < expected && until.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            Thread.Sleep(50);
        }

        return [.. Directory.GetFiles(Mails, "*.eml").Select(file => new ReceivedMail(
            File.ReadAllLines(Path.ChangeExtension(file, ".rcpt")),
            MimeMessage.Load(file)))];
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _temp.Dispose();
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (Output)
            {
                Output.Add(line);
            }
        }
    }

    private void WaitForPort(TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {string.Join('\n', Output)}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds} s: {string.Join('\n', Output)}");
    }

    /// <summary>Returns when python3-aiosmtpd is installed; else skips the test, or fails it under CI.</summary>
    private static void RequireAiosmtpd()
    {
        if (File.Exists(Python))
        {
            using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            if (check.WaitForExit(20_000) && check.ExitCode == 0)
            {
                return;
            }
        }

        var message = $"python3-aiosmtpd is not installed for {Python} (apt-get install -y python3-aiosmtpd)";
        if (RealData.UnderCi)
        {
            Assert.Fail($"{message}; under CI (CI=true) the e-mail tests must run against a real SMTP server");
        }

        Skip.If(true, $"{message}; the e-mail tests that need a real SMTP server are skipped");
    }

    /// <summary>A port free on loopback now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
