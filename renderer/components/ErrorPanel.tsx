export function ErrorPanel({ message }: { message: string }) {
  return (
    <section className="error" role="alert" data-testid="run-error">
      <h2>The run could not complete</h2>
      {message.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </section>
  );
}
