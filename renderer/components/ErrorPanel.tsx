export function ErrorPanel({ message, title = 'The run could not complete' }: { message: string; title?: string }) {
  return (
    <section className="error" role="alert" data-testid="run-error">
      <h2>{title}</h2>
      {message.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </section>
  );
}
