using Reconciler.Worker.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
