export default function Home() {
  return <main>Lodestar</main>;
}
