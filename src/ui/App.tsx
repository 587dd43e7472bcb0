export function App() {
  return (
    <main>
      <h1>ECG Transfer Lab</h1>
    </main>
  );
}
