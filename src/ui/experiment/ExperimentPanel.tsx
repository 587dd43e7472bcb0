/** Placeholder: the experiment panel is built by the experiment/results engineer. */
export function ExperimentPanel() {
  return (
    <section>
      <h2>Experiment</h2>
      <p>Coming soon.</p>
    </section>
  );
}
